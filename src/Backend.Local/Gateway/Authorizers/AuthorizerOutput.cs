using System.Text.Json;
using System.Text.Json.Nodes;
using Backend.Template;

namespace Backend.Local.Gateway.Authorizers;

/// <summary>
/// What a Lambda authorizer answered, read as API Gateway reads it ("Output from an API Gateway Lambda authorizer";
/// HTTP APIs: "Lambda authorizer response format"): a principalId and an IAM policy document, or, with simple
/// responses, isAuthorized; either with an optional context map. <see cref="Parse"/> gives null for anything else,
/// which API Gateway answers as an authorizer configuration error (500).
/// </summary>
public sealed record AuthorizerOutput(string? PrincipalId, IReadOnlyList<PolicyStatement> Statements, bool? IsAuthorized, JsonObject Context)
{
    /// <summary>The decision for one method (or route) ARN: simple responses decide alone, a policy per ARN.</summary>
    public PolicyDecision Decide(string arn) => IsAuthorized switch
    {
        true => PolicyDecision.Allow,
        false => PolicyDecision.ImplicitDeny,
        null => PolicyStatement.Evaluate(Statements, arn),
    };

    public static AuthorizerOutput? Parse(byte[] output, AuthorizerDefinition authorizer)
    {
        JsonObject answer;
        try
        {
            if (JsonNode.Parse(output) is not JsonObject o) return null;
            answer = o;
        }
        catch (JsonException)
        {
            return null;
        }
        var context = answer["context"];
        if (context is not null and not JsonObject) return null;
        var contextMap = (JsonObject?)context?.DeepClone() ?? [];
        // "You can't set a JSON object or array as a valid value of any key in the context map" (REST, and HTTP API
        // payload 1.0); an HTTP API's 2.0 context passes any JSON on.
        if (authorizer.PayloadFormatVersion == "1.0" && contextMap.Any(p => p.Value is JsonObject or JsonArray)) return null;

        if (authorizer.SimpleResponses)
        {
            return answer["isAuthorized"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? new AuthorizerOutput(null, [], v.GetValue<bool>(), contextMap)
                : null;
        }
        if (answer["principalId"] is not JsonValue principal || principal.GetValueKind() != JsonValueKind.String) return null;
        if (answer["policyDocument"] is not JsonObject document) return null;
        var statements = document["Statement"] switch
        {
            JsonObject single => [single],
            JsonArray many => many.ToList(),
            _ => null,
        };
        if (statements is null) return null;
        var parsed = new List<PolicyStatement>();
        foreach (var statement in statements)
        {
            if (statement is not JsonObject s || Strings(s["Action"]) is not { } actions || Strings(s["Resource"]) is not { } resources) return null;
            var effect = (s["Effect"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? s["Effect"]!.GetValue<string>() : null;
            if (effect is not ("Allow" or "Deny")) return null;
            parsed.Add(new PolicyStatement(effect == "Allow", actions, resources));
        }
        return new AuthorizerOutput(principal.GetValue<string>(), parsed, null, contextMap);
    }

    /// <summary>An IAM element that is a string or a list of strings.</summary>
    private static List<string>? Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        JsonArray a when a.All(i => i is JsonValue iv && iv.GetValueKind() == JsonValueKind.String) => a.Select(i => i!.GetValue<string>()).ToList(),
        _ => null,
    };
}

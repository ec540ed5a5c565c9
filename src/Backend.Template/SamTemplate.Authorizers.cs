using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>
/// An API's Auth (DefaultAuthorizer, Authorizers) and an event's Auth.Authorizer, checked as aws-sam-translator checks
/// them (model/api/api_generator.py, http_api_generator.py, model/eventsources/push.py), with SAM's own messages where
/// SAM refuses a template, so what runs here is what deploys.
/// </summary>
public sealed partial class SamTemplate
{
    private static readonly string[] RestAuthKeys = ["DefaultAuthorizer", "Authorizers", "AddDefaultAuthorizerToCorsPreflight"];
    private static readonly string[] HttpAuthKeys = ["DefaultAuthorizer", "Authorizers", "EnableIamAuthorizer"];

    /// <summary>
    /// The API's authorizers and its default one (NONE, AWS_IAM or an authorizer's name). A !Ref to a parameter
    /// resolves, as SAM resolves parameter references inside Auth; an empty value means no default authorizer.
    /// </summary>
    private (string Default, IReadOnlyDictionary<string, AuthorizerDefinition> Authorizers) Authorization(YamlMappingNode? properties, ApiKind kind, string where)
    {
        var auth = properties?.Mapping("Auth");
        var none = new Dictionary<string, AuthorizerDefinition>(StringComparer.Ordinal);
        if (auth is null) return (ApiDefinition.NoAuthorization, none);
        where = $"{where}.Auth";
        var allowed = kind == ApiKind.Rest ? RestAuthKeys : HttpAuthKeys;
        foreach (var (name, _) in auth.Entries())
        {
            if (!allowed.Contains(name))
                throw new TemplateException($"{where}.{name} is not supported by the local emulator ({string.Join(", ", allowed)} are)");
        }
        var authorizers = auth.Mapping("Authorizers").Entries()
            .ToDictionary(a => a.Key, a => kind == ApiKind.Rest ? RestAuthorizer(a.Key, a.Value, $"{where}.Authorizers.{a.Key}") : HttpAuthorizer(a.Key, a.Value, $"{where}.Authorizers.{a.Key}"), StringComparer.Ordinal);
        var value = auth.Child("DefaultAuthorizer") is { } node ? _intrinsics.Resolve(node, $"{where}.DefaultAuthorizer") : "";
        // SAM: an empty DefaultAuthorizer sets nothing; AWS_IAM needs no definition on a REST API (an HTTP API's needs
        // EnableIamAuthorizer); any other value must name one of Authorizers. With no authorizers at all, SAM skips the
        // check and ignores the value: here NONE keeps meaning "open" and anything else is refused, as it will not do
        // what it says.
        var iam = kind == ApiKind.Rest || auth.Scalar("EnableIamAuthorizer") == "true";
        if (value.Length == 0 || (value == ApiDefinition.NoAuthorization && authorizers.Count == 0 && !(kind == ApiKind.Http && iam)))
            return (ApiDefinition.NoAuthorization, authorizers);
        if (authorizers.ContainsKey(value) || (value == ApiDefinition.IamAuthorization && iam)) return (value, authorizers);
        throw new TemplateException($"{where}.DefaultAuthorizer: Unable to set DefaultAuthorizer because '{value}' was not defined in 'Authorizers'.");
    }

    /// <summary>A REST API's Lambda authorizer: TOKEN (the default) or REQUEST.</summary>
    private AuthorizerDefinition RestAuthorizer(string name, YamlNode node, string where)
    {
        RefuseUnsupportedAuthorizer(node, where, ["FunctionArn", "FunctionPayloadType", "Identity", "FunctionInvokeRole", "DisableFunctionDefaultPermissions"]);
        var function = AuthorizerFunction(node, where);
        var type = node.Child("FunctionPayloadType") is { } t ? _intrinsics.Resolve(t, $"{where}.FunctionPayloadType") : "TOKEN";
        if (type is not ("TOKEN" or "REQUEST"))
            throw new TemplateException($"{where}: {name} Authorizer has invalid 'FunctionPayloadType': {type}.");
        var identity = node.Mapping("Identity");
        var ttl = Ttl(identity, where);
        if (type == "TOKEN")
        {
            RefuseKeys(identity, $"{where}.Identity", ["Header", "ValidationExpression", "ReauthorizeEvery"]);
            var header = identity?.Child("Header") is { } h ? _intrinsics.Resolve(h, $"{where}.Identity.Header") : AuthorizerDefinition.DefaultTokenHeader;
            var expression = identity?.Child("ValidationExpression") is { } v ? _intrinsics.Resolve(v, $"{where}.Identity.ValidationExpression") : null;
            // Checked here, not on the first request: an expression that is not a regular expression would fail there.
            if (expression is not null && !IsRegularExpression(expression))
                throw new TemplateException($"{where}.Identity.ValidationExpression: '{expression}' is not a regular expression");
            return new AuthorizerDefinition(name, function, AuthorizerPayload.Token, ["method.request.header." + header], expression, ttl);
        }
        RefuseKeys(identity, $"{where}.Identity", ["Headers", "QueryStrings", "StageVariables", "Context", "ReauthorizeEvery"]);
        var sources = IdentitySources(identity, where, "method.request.header.", "method.request.querystring.", "stageVariables.", "context.");
        // SAM refuses a REQUEST authorizer without an identity source unless its results are never cached.
        if (sources.Count == 0 && ttl > 0)
            throw new TemplateException($"{where}: {name} Authorizer must specify Identity with at least one of Headers, QueryStrings, StageVariables, or Context.");
        return new AuthorizerDefinition(name, function, AuthorizerPayload.Request, sources, null, ttl);
    }

    private static bool IsRegularExpression(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>An HTTP API's Lambda authorizer (always REQUEST), payload format 1.0 or 2.0.</summary>
    private AuthorizerDefinition HttpAuthorizer(string name, YamlNode node, string where)
    {
        if (node.Child("JwtConfiguration") is not null || node.Child("IdentitySource") is not null)
            throw new TemplateException($"{where}: JWT (OAuth2) authorizers are not supported by the local emulator (Lambda authorizers are)");
        RefuseUnsupportedAuthorizer(node, where, ["FunctionArn", "AuthorizerPayloadFormatVersion", "EnableSimpleResponses", "Identity", "FunctionInvokeRole", "EnableFunctionDefaultPermissions"]);
        var function = AuthorizerFunction(node, where);
        var version = node.Child("AuthorizerPayloadFormatVersion") is { } v ? _intrinsics.Resolve(v, $"{where}.AuthorizerPayloadFormatVersion") : null;
        if (version is null) throw new TemplateException($"{where}: {name} Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'.");
        if (version is not ("1.0" or "2.0")) throw new TemplateException($"{where}.AuthorizerPayloadFormatVersion: {version} is not 1.0 or 2.0");
        var simple = node.Scalar("EnableSimpleResponses") == "true";
        // API Gateway: "Simple responses are supported only for payload format version 2.0" (CreateAuthorizer refuses them otherwise).
        if (simple && version != "2.0") throw new TemplateException($"{where}.EnableSimpleResponses: simple responses need AuthorizerPayloadFormatVersion 2.0");
        var identity = node.Mapping("Identity");
        RefuseKeys(identity, $"{where}.Identity", ["Headers", "QueryStrings", "StageVariables", "Context", "ReauthorizeEvery"]);
        var sources = IdentitySources(identity, where, "$request.header.", "$request.querystring.", "$stageVariables.", "$context.");
        // Without an identity source an HTTP API never caches: it cannot tell callers apart.
        var ttl = sources.Count == 0 ? 0 : Ttl(identity, where);
        return new AuthorizerDefinition(name, function, AuthorizerPayload.Request, sources, null, ttl, version, simple);
    }

    private static void RefuseUnsupportedAuthorizer(YamlNode node, string where, string[] allowed)
    {
        if (node is not YamlMappingNode map) throw new TemplateException($"{where} must be a map");
        if (map.Child("UserPoolArn") is not null)
            throw new TemplateException($"{where}: Cognito user pool authorizers (UserPoolArn) are not supported by the local emulator (Lambda authorizers are)");
        RefuseKeys(map, where, allowed);
    }

    private static void RefuseKeys(YamlMappingNode? map, string where, string[] allowed)
    {
        foreach (var (key, _) in map.Entries())
        {
            if (!allowed.Contains(key)) throw new TemplateException($"{where}.{key} is not supported by the local emulator ({string.Join(", ", allowed)} are)");
        }
    }

    /// <summary>FunctionArn as <c>!GetAtt Function.Arn</c> (any form naming it): the template function that authorizes.</summary>
    private string AuthorizerFunction(YamlNode node, string where)
    {
        var arn = node.Child("FunctionArn") ?? throw new TemplateException($"{where}: Lambda Authorizer must define 'FunctionArn'.");
        var id = ResourceReferences.In(arn).FirstOrDefault();
        if (id is null || Functions.All(f => f.LogicalId != id))
            throw new TemplateException($"{where}.FunctionArn must name a function of the template (!GetAtt Function.Arn)");
        return id;
    }

    private int Ttl(YamlMappingNode? identity, string where)
    {
        if (identity?.Child("ReauthorizeEvery") is not { } node) return AuthorizerDefinition.DefaultTtlSeconds;
        var text = _intrinsics.Resolve(node, $"{where}.Identity.ReauthorizeEvery");
        // API Gateway: "The maximum value is 3600, or 1 hour."
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 3600
            ? seconds
            : throw new TemplateException($"{where}.Identity.ReauthorizeEvery: {text} is not a number of seconds from 0 to 3600");
    }

    private List<string> IdentitySources(YamlMappingNode? identity, string where, params string[] prefixes)
    {
        string[] keys = ["Headers", "QueryStrings", "StageVariables", "Context"];
        var sources = new List<string>();
        for (var i = 0; i < keys.Length; i++)
        {
            foreach (var item in identity?.Child(keys[i]).Items() ?? [])
                sources.Add(prefixes[i] + _intrinsics.Resolve(item, $"{where}.Identity.{keys[i]}"));
        }
        return sources;
    }

    /// <summary>
    /// An event's Auth.Authorizer: NONE, AWS_IAM or one of its API's authorizers; null when the event sets none (the
    /// API's default applies). SAM's messages for what it refuses.
    /// </summary>
    private string? RouteAuthorization(YamlMappingNode properties, ApiDefinition api, string method, string path, string where)
    {
        var auth = properties.Mapping("Auth");
        if (auth is null) return null;
        foreach (var (key, _) in auth.Entries())
        {
            if (key != "Authorizer") throw new TemplateException($"{where}.Auth.{key} is not supported by the local emulator (Authorizer is)");
        }
        var value = auth.Child("Authorizer") is { } node ? _intrinsics.Resolve(node, $"{where}.Auth.Authorizer") : "";
        if (value.Length == 0) return null;
        if (value == ApiDefinition.IamAuthorization) return value;
        if (value == ApiDefinition.NoAuthorization)
        {
            return api.Authorization == ApiDefinition.NoAuthorization
                ? throw new TemplateException($"{where}: Unable to set Authorizer on API method [{method.ToLowerInvariant()}] for path [{path}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.")
                : value;
        }
        if (api.Authorizers.Count == 0)
            throw new TemplateException($"{where}: Unable to set Authorizer [{value}] on API method [{method.ToLowerInvariant()}] for path [{path}] because the related API does not define any Authorizers.");
        return api.Authorizers.ContainsKey(value)
            ? value
            : throw new TemplateException($"{where}: Unable to set Authorizer [{value}] on API method [{method.ToLowerInvariant()}] for path [{path}] because it wasn't defined in the API's Authorizers.");
    }
}

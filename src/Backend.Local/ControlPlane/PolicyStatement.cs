using System.Text.Json;
using Backend.Lambda.Serialization;

namespace Backend.Local.ControlPlane;

/// <summary>
/// One statement of a function's resource policy, written as Lambda writes it (AddPermission's <c>Statement</c>,
/// GetPolicy's <c>Policy.Statement[]</c>): Sid, Effect, Principal, Action, Resource, Condition, in that order.
/// </summary>
public sealed record PolicyStatement(string Sid, string Principal, string Action, string Resource,
    string? SourceArn = null, string? SourceAccount = null, string? EventSourceToken = null, string? PrincipalOrgId = null, string? FunctionUrlAuthType = null)
{
    public string ToJson() => JsonBytes.WriteString(Write);

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("Sid", Sid);
        w.WriteString("Effect", "Allow");
        if (Principal == "*")
        {
            w.WriteString("Principal", "*");
        }
        else
        {
            w.WriteStartObject("Principal");
            if (Principal.EndsWith(".amazonaws.com", StringComparison.Ordinal)) w.WriteString("Service", Principal);
            else w.WriteString("AWS", Principal.All(char.IsAsciiDigit) ? $"arn:aws:iam::{Principal}:root" : Principal);
            w.WriteEndObject();
        }
        w.WriteString("Action", Action);
        w.WriteString("Resource", Resource);
        var equals = new List<(string Key, string Value)>();
        if (FunctionUrlAuthType is not null) equals.Add(("lambda:FunctionUrlAuthType", FunctionUrlAuthType));
        if (PrincipalOrgId is not null) equals.Add(("aws:PrincipalOrgID", PrincipalOrgId));
        if (SourceAccount is not null) equals.Add(("AWS:SourceAccount", SourceAccount));
        if (EventSourceToken is not null) equals.Add(("lambda:EventSourceToken", EventSourceToken));
        if (equals.Count > 0 || SourceArn is not null)
        {
            w.WriteStartObject("Condition");
            if (equals.Count > 0)
            {
                w.WriteStartObject("StringEquals");
                foreach (var (key, value) in equals) w.WriteString(key, value);
                w.WriteEndObject();
            }
            if (SourceArn is not null)
            {
                w.WriteStartObject("ArnLike");
                w.WriteString("AWS:SourceArn", SourceArn);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>A principal Lambda accepts: "*", an account id, an ARN, or a service.</summary>
    public static bool IsValidPrincipal(string principal) =>
        principal == "*" || (principal.Length == 12 && principal.All(char.IsAsciiDigit)) || principal.StartsWith("arn:", StringComparison.Ordinal)
        || principal.EndsWith(".amazonaws.com", StringComparison.Ordinal);

    /// <summary>GetPolicy's Policy string: the statements (each as stored) under Lambda's Version and Id.</summary>
    public static string PolicyJson(IEnumerable<string> statements) => JsonBytes.WriteString(w =>
    {
        w.WriteStartObject();
        w.WriteString("Version", "2012-10-17");
        w.WriteString("Id", "default");
        w.WriteStartArray("Statement");
        foreach (var statement in statements) w.WriteRawValue(statement);
        w.WriteEndArray();
        w.WriteEndObject();
    });
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>The JSON an invocation header carries (client context, Cognito identity).</summary>
internal static class HeaderJson
{
    /// <summary>Null when the header is absent or not the JSON expected: a bad header must not fail the invocation.</summary>
    public static T? TryParse<T>(string? json, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize(json, typeInfo); }
        catch (JsonException) { return null; }
    }
}

namespace Backend.Lambda.APIGatewayEvents;

/// <summary>Reading query, path and header values from events whose dictionaries may be absent.</summary>
public static class ParameterLookup
{
    /// <summary>The value under <paramref name="key"/>, or null when the dictionary or the key is absent.</summary>
    public static string? Find(this IDictionary<string, string>? values, string key) =>
        values is not null && values.TryGetValue(key, out var value) ? value : null;
}

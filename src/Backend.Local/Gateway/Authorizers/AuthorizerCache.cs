using System.Collections.Concurrent;
using Backend.Template;

namespace Backend.Local.Gateway.Authorizers;

/// <summary>
/// Authorizers' answers, kept for their ReauthorizeEvery per API, authorizer and identity-source values, as API
/// Gateway caches them. The answer is kept, not the decision: a cached policy is evaluated again against each new
/// request's method ARN (which is why a policy naming one method denies the next one while it is cached; AWS
/// Knowledge Center "API Gateway proxy resource with a Lambda authorizer that has caching activated returning 403").
/// </summary>
public sealed class AuthorizerCache(TimeProvider clock)
{
    /// <summary>Past this many entries, expired ones are dropped before another is added.</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, (AuthorizerOutput Output, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    /// <summary>Each part length-prefixed: a query-string value may hold any character, so no separator is safe.</summary>
    public static string Key(ApiDefinition api, AuthorizerDefinition authorizer, IReadOnlyList<string> identity) =>
        string.Concat(new[] { api.LogicalId, authorizer.Name }.Concat(identity).Select(part => $"{part.Length}:{part}"));

    public AuthorizerOutput? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Expires > clock.GetUtcNow() ? entry.Output : null;

    public void Put(string key, AuthorizerOutput output, int ttlSeconds)
    {
        if (ttlSeconds <= 0) return;
        var now = clock.GetUtcNow();
        if (_entries.Count > SweepAbove)
        {
            foreach (var (k, e) in _entries)
            {
                if (e.Expires <= now) _entries.TryRemove(k, out _);
            }
        }
        _entries[key] = (output, now.AddSeconds(ttlSeconds));
    }
}

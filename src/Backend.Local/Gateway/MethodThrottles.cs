using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>
/// The throttles of the APIs served: one token bucket per method of each API's stage. AWS applies per-stage limits
/// "at the API method level for a stage" (API Gateway developer guide, "How throttling limit settings are applied"),
/// so the stage-wide setting ('/*' '*', DefaultRouteSettings) gives every method a bucket of its own with those
/// limits, and a setting naming the method (or its path) overrides it. A limit the most specific setting leaves out
/// comes from a less specific one; with none at all the method is not throttled (AWS's account-level limit, 10,000
/// requests per second, is not emulated). A new route table (template.yaml saved) comes with new, full buckets.
/// </summary>
public sealed class MethodThrottles(TimeProvider time)
{
    private readonly ConcurrentDictionary<MethodKey, TokenBucket?> _buckets = new(MethodKeyComparer.Instance);

    /// <summary>Takes a token for a request to a method (its resource path and method, as the route names them): false when throttled.</summary>
    public bool TryTake(ApiDefinition api, string resourcePath, string httpMethod)
    {
        if (api.Throttling.Count == 0) return true;
        var bucket = _buckets.GetOrAdd(new MethodKey(api, resourcePath, httpMethod), static (key, time) => Create(key, time), time);
        return bucket?.TryTake() ?? true;
    }

    /// <summary>The method's limits, or null when no setting limits it.</summary>
    public static (double Rate, int Burst)? Limits(IReadOnlyList<ThrottleSetting> settings, string resourcePath, string httpMethod)
    {
        double? rate = null;
        int? burst = null;
        // Most specific first: each limit from the most specific setting that gives it.
        foreach (var setting in settings.Where(s => s.Covers(resourcePath, httpMethod)).OrderByDescending(s => s.Specificity))
        {
            rate ??= setting.RateLimit;
            burst ??= setting.BurstLimit;
        }
        return rate is { } r && burst is { } b ? (r, b) : null;
    }

    private static TokenBucket? Create(MethodKey key, TimeProvider time) =>
        Limits(key.Api.Throttling, key.ResourcePath, key.HttpMethod) is var (rate, burst) ? new TokenBucket(rate, burst, time) : null;

    private readonly record struct MethodKey(ApiDefinition Api, string ResourcePath, string HttpMethod);

    /// <summary>An API is itself (its record equality would compare models and all); paths and methods by value.</summary>
    private sealed class MethodKeyComparer : IEqualityComparer<MethodKey>
    {
        public static readonly MethodKeyComparer Instance = new();

        public bool Equals(MethodKey x, MethodKey y) =>
            ReferenceEquals(x.Api, y.Api) && string.Equals(x.ResourcePath, y.ResourcePath, StringComparison.Ordinal) && string.Equals(x.HttpMethod, y.HttpMethod, StringComparison.Ordinal);

        public int GetHashCode(MethodKey key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Api), StringComparer.Ordinal.GetHashCode(key.ResourcePath), StringComparer.Ordinal.GetHashCode(key.HttpMethod));
    }
}

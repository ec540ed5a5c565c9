namespace Backend.Local.Gateway;

/// <summary>
/// API Gateway's throttle (its "token bucket algorithm, where a token counts for a request": API Gateway developer
/// guide, "Throttle requests to your REST APIs"): the bucket holds at most the burst limit, starts full, refills at
/// the rate limit per second, and a request that finds less than one token is refused. A rate or a burst of 0
/// refuses every request (a method closed by its throttle). Thread-safe; taking a token allocates nothing. Time comes from a <see cref="TimeProvider"/>, so tests
/// move a fake clock instead of sleeping.
/// </summary>
public sealed class TokenBucket(double ratePerSecond, int burst, TimeProvider time)
{
    // Refill is computed in floating point: a token that is due may come to 0.99999999999.
    private const double Rounding = 1e-9;

    private readonly Lock _lock = new();
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    public double RatePerSecond => ratePerSecond;
    public int Burst => burst;

    /// <summary>Takes a token for one request: false when there is none (the request is throttled).</summary>
    public bool TryTake()
    {
        if (burst <= 0 || ratePerSecond <= 0) return false;
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var seconds = (now - _last) / (double)time.TimestampFrequency;
            _last = now;
            _tokens = Math.Min(burst, _tokens + seconds * ratePerSecond);
            if (_tokens < 1 - Rounding) return false;
            _tokens = Math.Max(0, _tokens - 1);
            return true;
        }
    }
}

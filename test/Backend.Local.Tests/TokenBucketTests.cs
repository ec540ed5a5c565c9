using Backend.Local.Gateway;
using Backend.Template;

namespace Backend.Local.Tests;

/// <summary>API Gateway's throttle, a token bucket per method, on a fake clock.</summary>
public sealed class TokenBucketTests
{
    private static bool[] Take(TokenBucket bucket, int count) => Enumerable.Range(0, count).Select(_ => bucket.TryTake()).ToArray();

    [Fact]
    public void A_full_bucket_lets_the_burst_through_then_refuses()
    {
        var bucket = new TokenBucket(1, 2, new FakeClock());

        Assert.Equal([true, true, false, false], Take(bucket, 4));
    }

    [Fact]
    public void A_token_comes_back_after_one_over_the_rate_seconds_and_not_before()
    {
        var clock = new FakeClock();
        var bucket = new TokenBucket(4, 1, clock);
        Assert.True(bucket.TryTake());

        clock.Advance(TimeSpan.FromSeconds(1.0 / 4) - TimeSpan.FromMilliseconds(1));
        Assert.False(bucket.TryTake());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());
    }

    [Fact]
    public void An_idle_bucket_refills_up_to_the_burst_only()
    {
        var clock = new FakeClock();
        var bucket = new TokenBucket(10, 3, clock);
        Take(bucket, 3);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal([true, true, true, false], Take(bucket, 4));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    [InlineData(0, 0)]
    public void A_rate_or_burst_of_zero_refuses_every_request(double rate, int burst)
    {
        var clock = new FakeClock();
        var bucket = new TokenBucket(rate, burst, clock);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([false, false], Take(bucket, 2));
    }

    [Fact]
    public void Concurrent_takers_get_exactly_the_burst()
    {
        var bucket = new TokenBucket(1, 1000, new FakeClock());

        var taken = 0;
        Parallel.For(0, 5000, _ => { if (bucket.TryTake()) Interlocked.Increment(ref taken); });

        Assert.Equal(1000, taken);
    }
}

/// <summary>Which setting limits a method, and one bucket per method of a stage.</summary>
public sealed class MethodThrottlesTests
{
    private static ApiDefinition Api(params ThrottleSetting[] settings) =>
        new("Api", ApiKind.Rest, "prod", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []) { Throttling = settings };

    [Fact]
    public void The_most_specific_setting_wins_and_a_limit_it_leaves_out_comes_from_a_wider_one()
    {
        ThrottleSetting[] settings =
        [
            new("*", "*", 100, 200),
            new("/calc", "*", 10, null),
            new("/calc", "GET", null, 5),
        ];

        Assert.Equal((10, 5), MethodThrottles.Limits(settings, "/calc", "GET"));
        Assert.Equal((10, 200), MethodThrottles.Limits(settings, "/calc", "POST"));
        Assert.Equal((100, 200), MethodThrottles.Limits(settings, "/books", "GET"));
    }

    [Fact]
    public void A_method_no_setting_limits_is_not_throttled()
    {
        Assert.Null(MethodThrottles.Limits([new("/calc", "GET", 1, 1)], "/books", "GET"));
        Assert.Null(MethodThrottles.Limits([new("*", "*", 1, null)], "/books", "GET"));
    }

    [Fact]
    public void Each_method_of_the_stage_has_its_own_bucket_with_the_stage_wide_limits()
    {
        var api = Api(new ThrottleSetting("*", "*", 1, 2), new ThrottleSetting("/roomy", "GET", null, 3));
        var throttles = new MethodThrottles(new FakeClock());

        bool[] Take(string path, string method, int count) => Enumerable.Range(0, count).Select(_ => throttles.TryTake(api, path, method)).ToArray();

        Assert.Equal([true, true, false], Take("/items", "GET", 3));
        Assert.Equal([true, true, false], Take("/items", "POST", 3));
        Assert.Equal([true, true, true, false], Take("/roomy", "GET", 4));
    }

    [Fact]
    public void A_request_to_a_known_method_allocates_nothing()
    {
        var api = Api(new ThrottleSetting("*", "*", 1_000_000, 1_000_000));
        var throttles = new MethodThrottles(new FakeClock());
        const string path = "/calc", method = "GET";
        throttles.TryTake(api, path, method); // the method's bucket is made on its first request

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) throttles.TryTake(api, path, method);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void An_API_without_settings_is_never_throttled()
    {
        var throttles = new MethodThrottles(new FakeClock());
        var api = Api();

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(throttles.TryTake(api, "/calc", "GET")));
    }
}

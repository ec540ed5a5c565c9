using Backend.Local.Gateway.Authorizers;
using Backend.Template;

namespace Backend.Local.Tests.Authorizers;

/// <summary>The cache of authorizers' answers: per API, authorizer and identity, for the TTL, never with TTL 0.</summary>
public sealed class AuthorizerCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly ApiDefinition Api = new("Api", ApiKind.Rest, "prod", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []);
    private static readonly AuthorizerDefinition Token = new("T", "F", AuthorizerPayload.Token, ["method.request.header.Authorization"], null, 300);
    private static readonly AuthorizerOutput Output = new("me", [], true, []);

    [Fact]
    public void An_answer_is_kept_for_its_TTL_per_identity()
    {
        var clock = new ManualClock();
        var cache = new AuthorizerCache(clock);
        var key = AuthorizerCache.Key(Api, Token, ["a"]);

        cache.Put(key, Output, 300);

        Assert.Same(Output, cache.Get(key));
        Assert.Null(cache.Get(AuthorizerCache.Key(Api, Token, ["b"])));
        Assert.Null(cache.Get(AuthorizerCache.Key(Api, Token with { Name = "Other" }, ["a"])));
        clock.Now = clock.Now.AddSeconds(299);
        Assert.Same(Output, cache.Get(key));
        clock.Now = clock.Now.AddSeconds(1);
        Assert.Null(cache.Get(key));
    }

    [Fact]
    public void TTL_0_keeps_nothing()
    {
        var cache = new AuthorizerCache(new ManualClock());
        var key = AuthorizerCache.Key(Api, Token, ["a"]);

        cache.Put(key, Output, 0);

        Assert.Null(cache.Get(key));
    }

    [Fact]
    public void Identity_values_cannot_run_into_each_other()
    {
        var request = Token with { IdentitySources = ["method.request.header.A", "method.request.header.B"] };

        Assert.NotEqual(AuthorizerCache.Key(Api, request, ["a\nb", "c"]), AuthorizerCache.Key(Api, request, ["a", "b\nc"]));
    }
}

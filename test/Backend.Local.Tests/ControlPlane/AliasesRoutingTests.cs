using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>An alias's RoutingConfig splits invocations between two versions; Lambda refuses the splits it cannot make (facts file §6).</summary>
[Collection("control plane server")]
public class AliasesRoutingTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task A_weighted_alias_runs_both_versions()
    {
        var name = UniqueName("aliases-weights");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1", "v2") + $$"""
            half = {"2": 0.5}
            created = ok(call("create_alias", FunctionName="{{name}}", Name="split", FunctionVersion="1", RoutingConfig={"AdditionalVersionWeights": half}))
            runs = []
            for _ in range(40):
                r = ok(call("invoke", FunctionName="{{name}}", Qualifier="split"))
                runs.append({"executed": r["body"]["ExecutedVersion"], "marker": r["body"]["Payload"]["marker"]})
            print(json.dumps({"created": created, "runs": runs}))
            """);

        var created = result.GetProperty("created").GetProperty("body");
        BotocoreModel.AssertOutputShape("CreateAlias", created);
        Assert.Equal(0.5, created.GetProperty("RoutingConfig").GetProperty("AdditionalVersionWeights").GetProperty("2").GetDouble());
        var runs = result.GetProperty("runs").EnumerateArray().Select(r => (Executed: r.GetProperty("executed").GetString(), Marker: r.GetProperty("marker").GetString())).ToList();
        // The executed version and the code that answered agree on every run.
        Assert.All(runs, run => Assert.Equal("v" + run.Executed, run.Marker));
        // 40 fair coin flips give fewer than 5 of one side about once in ten million runs.
        Assert.True(runs.Count(r => r.Executed == "1") >= 5, string.Join(",", runs));
        Assert.True(runs.Count(r => r.Executed == "2") >= 5, string.Join(",", runs));
    }

    [Fact]
    public async Task Routing_configs_lambda_cannot_honour_are_refused_with_its_errors()
    {
        var name = UniqueName("aliases-bad-weights");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1", "v2") + $$"""
            def alias(weights):
                return call("create_alias", FunctionName="{{name}}", Name="split", FunctionVersion="1", RoutingConfig={"AdditionalVersionWeights": weights})
            print(json.dumps({
                "two": alias({"2": 0.5, "3": 0.2}),
                "heavy": alias({"2": 2.0}),
                "same": alias({"1": 0.5}),
                "unknown": alias({"7": 0.5}),
                "listed": call("list_aliases", FunctionName="{{name}}"),
            }))
            """);

        AssertError(result.GetProperty("two"), 400, "InvalidParameterValueException", "Number of items in AdditionalVersionWeights cannot be greater than 1");
        AssertError(result.GetProperty("heavy"), 400, "ValidationException",
            "1 validation error detected: Value '{2=2.0}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]");
        AssertError(result.GetProperty("same"), 400, "InvalidParameterValueException", "Invalid function version 1. Function version 1 is already included in routing configuration.");
        AssertError(result.GetProperty("unknown"), 404, "ResourceNotFoundException", $"Function not found: {ArnPrefix}{name}:7");
        // None of them made an alias.
        Assert.Empty(result.GetProperty("listed").GetProperty("body").GetProperty("Aliases").EnumerateArray());
    }

    [Fact]
    public async Task Latest_cannot_be_split_and_aws_says_so_without_a_type()
    {
        var name = UniqueName("aliases-split-latest");
        await PythonAsync(fixture, PythonVersions(name, "v1") + "print('{}')\n");

        using var response = await fixture.Lambda.PostAsync($"/2015-03-31/functions/{name}/aliases", new System.Net.Http.StringContent(
            """{"Name":"split","FunctionVersion":"$LATEST","RoutingConfig":{"AdditionalVersionWeights":{"1":0.5}}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidParameterValueException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        // Recorded against AWS: this one error's body has the lowercase message and no Type (facts file §6).
        Assert.Equal("""{"message":"$LATEST is not supported for an alias pointing to more than 1 version"}""", await response.Content.ReadAsStringAsync());
    }

    private static void AssertError(System.Text.Json.JsonElement call, int status, string code, string message)
    {
        Assert.Equal(code, call.GetProperty("error").GetString());
        Assert.Equal(message, call.GetProperty("message").GetString());
        Assert.Equal(status, call.GetProperty("status").GetInt32());
    }
}

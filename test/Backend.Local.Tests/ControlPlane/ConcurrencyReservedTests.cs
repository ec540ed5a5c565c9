using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>PutFunctionConcurrency, GetFunctionConcurrency and DeleteFunctionConcurrency, and what a reservation of 0 does to Invoke (facts file §8).</summary>
[Collection("control plane server")]
public class ConcurrencyReservedTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task A_reservation_of_0_throttles_every_invocation_until_it_is_deleted()
    {
        var name = UniqueName("concurrency-zero");
        await CreateAsync(fixture, name, "v1");

        var put = await AwsOkAsync(fixture, "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "0");
        BotocoreModel.AssertOutputShape("PutFunctionConcurrency", put);
        Assert.Equal("""{"ReservedConcurrentExecutions":0}""", Compact(put));

        // The CLI makes one attempt only (AwsClientEnvironment), so the throttle reaches it as an error.
        await AwsFailsAsync(fixture, "TooManyRequestsException", "invoke", "--function-name", name, Path.Combine(Path.GetTempPath(), $"cp-test-{Guid.NewGuid():N}.json"));
        using (var throttled = await InvokeRawAsync(name))
        {
            Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
            Assert.Equal("TooManyRequestsException", throttled.Headers.GetValues("x-amzn-ErrorType").Single());
            using var body = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync());
            Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", body.RootElement.GetProperty("Reason").GetString());
        }

        var reserved = await GetRawAsync(fixture, $"/2019-09-30/functions/{name}/concurrency");
        BotocoreModel.AssertOutputShape("GetFunctionConcurrency", reserved);
        Assert.Equal("""{"ReservedConcurrentExecutions":0}""", reserved.GetRawText());
        var function = await GetRawAsync(fixture, $"/2015-03-31/functions/{name}");
        BotocoreModel.AssertOutputShape("GetFunction", function);
        Assert.Equal(0, function.GetProperty("Concurrency").GetProperty("ReservedConcurrentExecutions").GetInt32());

        using (var deleted = await fixture.Lambda.DeleteAsync($"/2017-10-31/functions/{name}/concurrency"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using (var invoked = await InvokeRawAsync(name))
        {
            Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
            using var payload = JsonDocument.Parse(await invoked.Content.ReadAsStringAsync());
            Assert.Equal("v1", payload.RootElement.GetProperty("marker").GetString());
        }
        Assert.Equal("{}", (await GetRawAsync(fixture, $"/2019-09-30/functions/{name}/concurrency")).GetRawText());
        Assert.False((await GetRawAsync(fixture, $"/2015-03-31/functions/{name}")).TryGetProperty("Concurrency", out _));
    }

    [Fact]
    public async Task A_reservation_is_refused_on_a_version_and_beyond_the_unreserved_minimum()
    {
        var name = UniqueName("concurrency-refused");
        await PythonAsync(fixture, PythonVersions(name, "v1") + "print('{}')\n");

        var qualified = await AwsFailsAsync(fixture, "InvalidParameterValueException", "put-function-concurrency", "--function-name", name + ":1", "--reserved-concurrent-executions", "1");
        var tooMany = await AwsFailsAsync(fixture, "InvalidParameterValueException", "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "950");

        Assert.Contains("This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.", qualified);
        Assert.Contains("Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].", tooMany);
        Assert.Equal("{}", (await GetRawAsync(fixture, $"/2019-09-30/functions/{name}/concurrency")).GetRawText());
    }

    private Task<HttpResponseMessage> InvokeRawAsync(string name) =>
        fixture.Lambda.PostAsync($"/2015-03-31/functions/{name}/invocations", new StringContent("{}", Encoding.UTF8, "application/json"));

    private static string Compact(JsonElement json) => JsonSerializer.Serialize(json);
}

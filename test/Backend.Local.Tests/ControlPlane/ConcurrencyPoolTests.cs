using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>A function's reserved concurrency bounds how many of its instances run at once, here and behind API Gateway.</summary>
[Collection("control plane server")]
public class ConcurrencyPoolTests(ControlPlaneServerFixture fixture)
{
    // Answers each invocation after a second with its own process id, so two answers tell whether one instance served both.
    private static readonly string SlowPidBootstrap = TestZips.RuntimeLoopScript("""
        sleep 1
        RESPONSE="{\"pid\":$$}"
        """);

    [Fact]
    public async Task With_a_reservation_of_1_a_second_concurrent_invocation_waits_for_the_one_instance()
    {
        var name = UniqueName("concurrency-one");
        await WithZipAsync(TestZips.ProvidedBootstrap(SlowPidBootstrap.ReplaceLineEndings("\n")), zip => fixture.Aws.RunAsync("lambda", "create-function", "--function-name", name,
            "--runtime", "provided.al2023", "--handler", "bootstrap", "--role", Role, "--zip-file", zip));
        await AwsOkAsync(fixture, "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "1");

        var answers = await Task.WhenAll(InvokeAsync(name), InvokeAsync(name));

        // Without the limit the second invocation would start a second instance while the first sleeps.
        Assert.Equal(answers[0], answers[1]);
    }

    [Fact]
    public async Task A_throttled_function_behind_api_gateway_answers_internal_server_error()
    {
        using (var put = await fixture.Lambda.PutAsync("/2017-10-31/functions/CalcFunction/concurrency",
            new StringContent("""{"ReservedConcurrentExecutions":0}""", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        try
        {
            using var throttled = await fixture.Api.GetAsync("prod/calc/1/2/%2B");
            Assert.Equal(HttpStatusCode.InternalServerError, throttled.StatusCode);
            Assert.Equal("""{"message":"Internal server error"}""", Compact(await throttled.Content.ReadAsStringAsync()));
        }
        finally
        {
            // The template's function is shared with every control-plane test: restore it whatever happened.
            using var deleted = await fixture.Lambda.DeleteAsync("/2017-10-31/functions/CalcFunction/concurrency");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using var answered = await fixture.Api.GetAsync("prod/calc/1/2/%2B");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    private async Task<int> InvokeAsync(string name)
    {
        using var response = await fixture.Lambda.PostAsync($"/2015-03-31/functions/{name}/invocations", new StringContent("{}", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("pid").GetInt32();
    }

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}

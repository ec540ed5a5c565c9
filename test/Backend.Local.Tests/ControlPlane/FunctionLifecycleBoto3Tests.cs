using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using static Backend.Local.Tests.ControlPlane.FunctionLifecycleKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>The lifecycle as an SDK program drives it: boto3 calls in one script, status codes included.</summary>
[Collection("control plane server")]
public class FunctionLifecycleBoto3Tests(ControlPlaneServerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Boto3_creates_invokes_reads_and_deletes_a_function_in_one_script()
    {
        var name = UniqueName("lc-boto3");
        var zip = TestZips.ShellEchoBootstrap("boto3");
        using var file = new FunctionLifecycleTempFile(zip);

        var result = await fixture.Boto3.RunAsync($$"""
            from botocore.exceptions import ClientError
            name = "{{name}}"
            code = open({{JsonSerializer.Serialize(file.Path)}}, "rb").read()
            def strip(response):
                return response["ResponseMetadata"]["HTTPStatusCode"], {k: v for k, v in response.items() if k != "ResponseMetadata"}
            created_status, created = strip(client.create_function(FunctionName=name, Runtime="provided.al2023",
                Handler="function.handler", Role="{{Role}}", Code={"ZipFile": code}))
            invoked = client.invoke(FunctionName=name, Payload=b'{"n":7}')
            answer = json.loads(invoked["Payload"].read())
            got_status, got = strip(client.get_function(FunctionName=name))
            deleted_status = client.delete_function(FunctionName=name)["ResponseMetadata"]["HTTPStatusCode"]
            try:
                client.get_function(FunctionName=name)
                after = None
            except ClientError as e:
                after = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                         "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            show({"created_status": created_status, "created": created, "invoke_status": invoked["StatusCode"],
                  "function_error": invoked.get("FunctionError"), "answer": answer, "got_status": got_status, "got": got,
                  "deleted_status": deleted_status, "after": after})
            """);

        Assert.True(result.ExitCode == 0, result.Error);
        var json = result.Json;
        Assert.Equal(201, json.GetProperty("created_status").GetInt32());
        BotocoreModel.AssertOutputShape("CreateFunction", json.GetProperty("created"));
        Assert.Equal(CodeSha256(zip), json.GetProperty("created").GetProperty("CodeSha256").GetString());
        Assert.Equal(200, json.GetProperty("invoke_status").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("function_error").ValueKind);
        Assert.Equal("boto3", json.GetProperty("answer").GetProperty("marker").GetString());
        Assert.Equal(7, json.GetProperty("answer").GetProperty("event").GetProperty("n").GetInt32());
        Assert.Equal(200, json.GetProperty("got_status").GetInt32());
        BotocoreModel.AssertOutputShape("GetFunction", json.GetProperty("got"));
        Assert.Equal("Active", json.GetProperty("got").GetProperty("Configuration").GetProperty("State").GetString());
        Assert.Equal(204, json.GetProperty("deleted_status").GetInt32());
        var after = json.GetProperty("after");
        Assert.Equal(404, after.GetProperty("status").GetInt32());
        Assert.Equal("ResourceNotFoundException", after.GetProperty("code").GetString());
        Assert.Equal($"Function not found: {FunctionArn(name)}", after.GetProperty("message").GetString());
    }

    /// <summary>
    /// How long a new function takes to answer its first call (create request start to first good invoke), measured
    /// inside one boto3 process so that no interpreter or CLI start-up is counted. Printed only: the machine is too
    /// noisy for a time limit; the test checks that both functions did answer.
    /// </summary>
    [Fact]
    public async Task Time_from_create_to_first_invoke_is_measured_for_dotnet10_and_provided()
    {
        using var dotnet = new FunctionLifecycleTempFile(TestZips.DotnetCalc());
        using var provided = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("timed"));

        var result = await fixture.Boto3.RunAsync($$"""
            import time
            def first_answer(name, runtime, handler, path, payload):
                code = open(path, "rb").read()
                start = time.perf_counter()
                client.create_function(FunctionName=name, Runtime=runtime, Handler=handler, Role="{{Role}}", Code={"ZipFile": code})
                tries = 0
                while True:
                    tries += 1
                    response = client.invoke(FunctionName=name, Payload=payload)
                    body = response["Payload"].read()
                    if (response["StatusCode"] == 200 and "FunctionError" not in response) or tries >= 20:
                        break
                seconds = time.perf_counter() - start
                client.delete_function(FunctionName=name)
                return {"seconds": seconds, "tries": tries, "answer": json.loads(body)}
            show({
                "dotnet10": first_answer("{{UniqueName("lc-time-dotnet")}}", "dotnet10", "Backend.Calc", {{JsonSerializer.Serialize(dotnet.Path)}}, {{JsonSerializer.Serialize(CalcPayload)}}),
                "provided": first_answer("{{UniqueName("lc-time-provided")}}", "provided.al2023", "function.handler", {{JsonSerializer.Serialize(provided.Path)}}, b"{}"),
            })
            """);

        Assert.True(result.ExitCode == 0, result.Error);
        var json = result.Json;
        foreach (var runtime in new[] { "dotnet10", "provided" })
        {
            var run = json.GetProperty(runtime);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{runtime}: create-function start to first successful invoke {run.GetProperty("seconds").GetDouble():F3} s ({run.GetProperty("tries").GetInt32()} invoke(s))"));
        }
        Assert.Equal(3, json.GetProperty("dotnet10").GetProperty("answer").GetProperty("c").GetInt32());
        Assert.Equal("timed", json.GetProperty("provided").GetProperty("answer").GetProperty("marker").GetString());
    }
}

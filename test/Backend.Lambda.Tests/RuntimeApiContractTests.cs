using Backend.Lambda.RuntimeSupport;

namespace Backend.Lambda.Tests;

/// <summary>
/// The client, the emulator and the tests' fake all take the Runtime API's paths and headers from one definition,
/// so a mistake there would pass every conversation test: these pin it to AWS's documented values.
/// </summary>
public sealed class RuntimeApiContractTests
{
    [Fact]
    public void The_paths_are_the_documented_2018_06_01_endpoints()
    {
        Assert.Equal("/2018-06-01/runtime/invocation/next", RuntimeApiPaths.Root + RuntimeApiPaths.Next);
        Assert.Equal("/2018-06-01/runtime/init/error", RuntimeApiPaths.Root + RuntimeApiPaths.InitError);
        Assert.Equal("invocation/abc-1/response", RuntimeApiPaths.Response("abc-1"));
        Assert.Equal("invocation/abc-1/error", RuntimeApiPaths.Error("abc-1"));
        Assert.Equal("invocation/{requestId}/response", RuntimeApiPaths.ResponseTemplate);
        Assert.Equal("invocation/{requestId}/error", RuntimeApiPaths.ErrorTemplate);
    }

    [Fact]
    public void A_request_id_is_one_escaped_path_segment() =>
        Assert.Equal("invocation/a%2Fb%3Fc/response", RuntimeApiPaths.Response("a/b?c"));

    [Fact]
    public void The_headers_are_the_documented_names()
    {
        Assert.Equal(
            ["Lambda-Runtime-Aws-Request-Id", "Lambda-Runtime-Deadline-Ms", "Lambda-Runtime-Invoked-Function-Arn", "Lambda-Runtime-Trace-Id",
             "Lambda-Runtime-Client-Context", "Lambda-Runtime-Cognito-Identity", "Lambda-Runtime-Function-Error-Type"],
            [RuntimeApiHeaders.RequestId, RuntimeApiHeaders.DeadlineMs, RuntimeApiHeaders.InvokedFunctionArn, RuntimeApiHeaders.TraceId,
             RuntimeApiHeaders.ClientContext, RuntimeApiHeaders.CognitoIdentity, RuntimeApiHeaders.FunctionErrorType]);
        Assert.Equal("application/vnd.aws.lambda.error+json", RuntimeApiHeaders.ErrorContentType);
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>The Lambda Runtime API over HTTP: one method per endpoint, paths from <see cref="RuntimeApiPaths"/>.</summary>
internal sealed class RuntimeApiClient : IRuntimeApiClient
{
    // Arrays made once: a collection expression per call would build a list type that ReadyToRun leaves to the JIT.
    private static readonly (string, string)[] NoHeaders = new (string, string)[0];
    private static readonly (string, string)[] JsonHeaders = new[] { ("Content-Type", "application/json") };

    private readonly RuntimeApiConnection _connection;
    private readonly string _basePath;

    /// <param name="runtimeApi">AWS_LAMBDA_RUNTIME_API: <c>host:port</c>, optionally followed by a path prefix.</param>
    public RuntimeApiClient(string runtimeApi)
    {
        var slash = runtimeApi.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? runtimeApi : runtimeApi[..slash];
        // Plain concatenation, so a path prefix such as "127.0.0.1:9001/Calc" is kept as given.
        _basePath = (slash < 0 ? "" : "/" + runtimeApi[(slash + 1)..].Trim('/')).TrimEnd('/') + RuntimeApiPaths.Root;
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            throw new InvalidOperationException($"AWS_LAMBDA_RUNTIME_API must be host:port[/prefix], not '{runtimeApi}'");
        _connection = new RuntimeApiConnection(authority[..colon].Trim('[', ']'), port);
    }

    /// <summary>Long-polls /next until the platform hands over an invocation (no timeout: the sandbox may be frozen for hours).</summary>
    public InvocationRequest GetNextInvocation()
    {
        var response = _connection.Send("GET", _basePath + RuntimeApiPaths.Next, NoHeaders, []);
        if (response.StatusCode == (int)HttpStatusCode.InternalServerError)
            throw new RuntimeApiShutdownException("the Runtime API answered /next with 500: exiting");
        if (response.StatusCode is < 200 or > 299)
            throw new RuntimeApiException($"the Runtime API answered /next with {response.StatusCode}");

        var requestId = response.Header(RuntimeApiHeaders.RequestId);
        if (string.IsNullOrEmpty(requestId))
            throw new RuntimeApiException($"the Runtime API sent an invocation without {RuntimeApiHeaders.RequestId}");
        return new InvocationRequest(
            requestId,
            long.TryParse(response.Header(RuntimeApiHeaders.DeadlineMs), NumberStyles.None, CultureInfo.InvariantCulture, out var deadline) ? deadline : null,
            response.Header(RuntimeApiHeaders.InvokedFunctionArn),
            response.Header(RuntimeApiHeaders.TraceId),
            response.Header(RuntimeApiHeaders.ClientContext),
            response.Header(RuntimeApiHeaders.CognitoIdentity),
            response.Body);
    }

    public void SendResponse(string requestId, ReadOnlySpan<byte> output) =>
        Post(RuntimeApiPaths.Response(requestId), JsonHeaders, output);

    public void ReportInvocationError(string requestId, LambdaError error) =>
        PostError(RuntimeApiPaths.Error(requestId), error);

    public void ReportInitError(LambdaError error) => PostError(RuntimeApiPaths.InitError, error);

    private void PostError(string path, LambdaError error) =>
        Post(path,
            new[] { ("Content-Type", RuntimeApiHeaders.ErrorContentType), (RuntimeApiHeaders.FunctionErrorType, error.ErrorType) },
            JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.LambdaError));

    private void Post(string path, (string, string)[] headers, ReadOnlySpan<byte> body)
    {
        var response = _connection.Send("POST", _basePath + path, headers, body);
        if (response.StatusCode is < 200 or > 299)
            throw new RuntimeApiException($"the Runtime API answered POST {path} with {response.StatusCode}");
    }

    public void Dispose() => _connection.Dispose();
}

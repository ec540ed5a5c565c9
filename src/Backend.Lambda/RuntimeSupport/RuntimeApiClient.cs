using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>A typed client for the Lambda Runtime API: one method per endpoint.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;

    /// <param name="runtimeApi">AWS_LAMBDA_RUNTIME_API: <c>host:port</c>, optionally followed by a path prefix.</param>
    public RuntimeApiClient(string runtimeApi)
    {
        // Plain concatenation, so a path prefix such as "127.0.0.1:9001/Calc" is kept as given.
        _baseUrl = "http://" + runtimeApi.TrimEnd('/') + "/2018-06-01/runtime/";
        _http = new HttpClient(new SocketsHttpHandler
        {
            // The sandbox freezes the process between invocations, for any length of time: a poll
            // or an idle pooled connection must never be timed out by our side of the socket.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Long-polls /next until the platform hands over an invocation.</summary>
    public async Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(_baseUrl + "invocation/next", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.InternalServerError)
            throw new RuntimeApiShutdownException("the Runtime API answered /next with 500: exiting");
        if (!response.IsSuccessStatusCode)
            throw new RuntimeApiException($"the Runtime API answered /next with {(int)response.StatusCode}");

        var headers = response.Headers;
        var requestId = Header(headers, RuntimeApiHeaders.RequestId);
        if (string.IsNullOrEmpty(requestId))
            throw new RuntimeApiException($"the Runtime API sent an invocation without {RuntimeApiHeaders.RequestId}");

        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new InvocationRequest(
            requestId,
            long.TryParse(Header(headers, RuntimeApiHeaders.DeadlineMs), NumberStyles.None, CultureInfo.InvariantCulture, out var deadline) ? deadline : null,
            Header(headers, RuntimeApiHeaders.InvokedFunctionArn),
            Header(headers, RuntimeApiHeaders.TraceId),
            Header(headers, RuntimeApiHeaders.ClientContext),
            Header(headers, RuntimeApiHeaders.CognitoIdentity),
            payload);
    }

    public async Task SendResponseAsync(string requestId, Stream output, CancellationToken cancellationToken)
    {
        var content = new StreamContent(output);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, errorType: null, cancellationToken).ConfigureAwait(false);
    }

    public Task ReportInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task ReportInitErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync("init/error", error, cancellationToken);

    private async Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.LambdaError));
        content.Headers.ContentType = new MediaTypeHeaderValue(RuntimeApiHeaders.ErrorContentType);
        await PostAsync(path, content, error.ErrorType, cancellationToken).ConfigureAwait(false);
    }

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _baseUrl + path) { Content = content };
        if (errorType is not null) request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, errorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new RuntimeApiException($"the Runtime API answered POST {path} with {(int)response.StatusCode}");
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public void Dispose() => _http.Dispose();
}

using Backend.Lambda.RuntimeSupport;

namespace Backend.Lambda.Tests;

/// <summary>
/// A Runtime API client with no socket: /next hands out a scripted sequence (an invocation, or an exception
/// to throw), then answers like a platform that wants the process gone. Everything the loop posts is kept.
/// </summary>
internal sealed class InMemoryRuntimeApiClient : IRuntimeApiClient
{
    private readonly Queue<Func<InvocationRequest>> _script = new();

    public List<(string RequestId, byte[] Output)> Responses { get; } = [];
    public List<(string RequestId, LambdaError Error)> InvocationErrors { get; } = [];
    public List<LambdaError> InitErrors { get; } = [];
    public int NextCalls { get; private set; }
    public bool Disposed { get; private set; }

    /// <summary>What SendResponse does; by default it keeps the answer.</summary>
    public Action<string, byte[]>? OnResponse { get; set; }

    public InMemoryRuntimeApiClient Invocation(string requestId, string payload)
    {
        _script.Enqueue(() => new InvocationRequest(requestId, null, null, null, null, null, System.Text.Encoding.UTF8.GetBytes(payload)));
        return this;
    }

    public InMemoryRuntimeApiClient Failure(Exception exception)
    {
        _script.Enqueue(() => throw exception);
        return this;
    }

    public InvocationRequest GetNextInvocation()
    {
        NextCalls++;
        return _script.TryDequeue(out var next) ? next() : throw new RuntimeApiShutdownException("the script is over");
    }

    public void SendResponse(string requestId, ReadOnlySpan<byte> output)
    {
        var bytes = output.ToArray();
        if (OnResponse is { } onResponse) onResponse(requestId, bytes);
        else Responses.Add((requestId, bytes));
    }

    public void ReportInvocationError(string requestId, LambdaError error) => InvocationErrors.Add((requestId, error));

    public void ReportInitError(LambdaError error) => InitErrors.Add(error);

    public void Dispose() => Disposed = true;
}

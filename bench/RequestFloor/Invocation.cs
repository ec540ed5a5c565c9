namespace RequestFloor;

/// <summary>One front request waiting for its function's answer: the event handed to /next and the
/// completion the /response POST fulfils with the function's output.</summary>
internal sealed class Invocation(string requestId, string eventJson)
{
    public string RequestId { get; } = requestId;
    public string EventJson { get; } = eventJson;

    // Asynchronous continuations: the /response request's thread must not run the front's reply inline.
    public TaskCompletionSource<byte[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

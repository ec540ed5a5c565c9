namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// What the runtime loop needs of the Lambda Runtime API, one method per endpoint (the shape of
/// Amazon.Lambda.RuntimeSupport's IRuntimeApiClient). The loop talks only to this, so its behaviour (init
/// failure, handler failure, shutdown) is tested without a socket.
/// </summary>
/// <remarks>
/// Synchronous on purpose: the conversation is strictly sequential (poll, answer, poll) and the real client
/// blocks on one socket; see <see cref="RuntimeApiConnection"/>.
/// </remarks>
internal interface IRuntimeApiClient : IDisposable
{
    /// <summary>Waits, without a timeout, for the next invocation.</summary>
    /// <exception cref="RuntimeApiShutdownException">The platform wants the process gone.</exception>
    /// <exception cref="RuntimeApiException">An answer the protocol does not allow going on from.</exception>
    InvocationRequest GetNextInvocation();

    /// <summary>The handler's answer to one invocation.</summary>
    void SendResponse(string requestId, ReadOnlySpan<byte> output);

    /// <summary>The handler failed on one invocation.</summary>
    void ReportInvocationError(string requestId, LambdaError error);

    /// <summary>The function could not initialize; the process exits after this.</summary>
    void ReportInitError(LambdaError error);
}

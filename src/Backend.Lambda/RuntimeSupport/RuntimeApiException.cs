namespace Backend.Lambda.RuntimeSupport;

/// <summary>The Runtime API answered something the protocol does not allow us to go on from.</summary>
public class RuntimeApiException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>/next answered 500: the platform wants this process gone.</summary>
public sealed class RuntimeApiShutdownException(string message) : RuntimeApiException(message);

namespace Backend.Lambda.RuntimeSupport;

/// <summary>The function's initializer returned false: reported to init/error like an exception it threw.</summary>
public sealed class LambdaInitException(string message) : Exception(message);

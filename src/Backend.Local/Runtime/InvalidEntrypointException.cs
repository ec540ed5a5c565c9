namespace Backend.Local.Runtime;

/// <summary>An instance cannot be started: no entry assembly or bootstrap, or one that cannot be executed.</summary>
public sealed class InvalidEntrypointException(string message) : Exception(message);

namespace Backend.Local.Hosting;

/// <summary>A function's project did not publish: the user's code to fix, so the message carries dotnet's output.</summary>
public sealed class FunctionBuildException(string message) : Exception(message);

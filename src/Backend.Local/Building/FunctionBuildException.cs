namespace Backend.Local.Building;

/// <summary>A function's project did not publish: the user's code to fix, so the message carries the compiler's errors.</summary>
public sealed class FunctionBuildException(string message) : Exception(message);

namespace Backend.Local.Hosting;

/// <summary>
/// The command cannot run as typed: a malformed option, a function, file or folder that is not there, a port that
/// is taken. The CLI prints its message as one line and exits 2; it is never a stack trace.
/// </summary>
public sealed class UsageException(string message) : Exception(message);

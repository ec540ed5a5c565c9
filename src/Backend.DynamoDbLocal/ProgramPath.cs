namespace Backend.DynamoDbLocal;

/// <summary>Where a command runs from: as given when it names a path, else the first match on PATH.</summary>
internal static class ProgramPath
{
    public static string? Find(string command)
    {
        if (command.Contains('/')) return File.Exists(command) ? Path.GetFullPath(command) : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
    }
}

using System.Diagnostics;
using Backend.Template;

namespace Backend.Local.Runtime;

/// <summary>
/// How Lambda's runtimes start a function from its code folder (<see cref="FunctionDefinition.CodeUri"/> here):
/// the managed .NET runtimes run the executable assembly the Handler names (<c>dotnet exec Handler.dll</c>), the
/// OS-only runtimes run the <c>bootstrap</c> at the folder's root. The one place that knows which runtimes run here.
/// </summary>
public static class InstanceCommand
{
    public static readonly IReadOnlyList<string> Runtimes = ["dotnet10", "dotnet8", "provided.al2023", "provided.al2"];

    public static bool IsProvided(string runtime) => runtime.StartsWith("provided", StringComparison.Ordinal);

    /// <summary>The process to start, without its environment; throws <see cref="InvalidEntrypointException"/> with Lambda's message when there is none.</summary>
    public static ProcessStartInfo For(FunctionDefinition function)
    {
        var folder = function.CodeUri;
        if (IsProvided(function.Runtime))
        {
            var bootstrap = Path.Combine(folder, "bootstrap");
            if (!File.Exists(bootstrap)) throw new InvalidEntrypointException($"Couldn't find valid bootstrap(s): [{bootstrap}]");
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(bootstrap) & UnixFileMode.UserExecute) == 0)
                throw new InvalidEntrypointException($"fork/exec {bootstrap}: permission denied");
            return new ProcessStartInfo(bootstrap) { WorkingDirectory = folder };
        }
        if (function.Handler.Contains("::", StringComparison.Ordinal))
            throw new InvalidEntrypointException($"Handler '{function.Handler}' names a class-library method: this endpoint runs executable assemblies (Handler: the assembly name, as with the Lambda runtime's RunAsync)");
        var dll = Path.Combine(folder, function.Handler + ".dll");
        if (!File.Exists(dll)) throw new InvalidEntrypointException($"Could not find the specified handler assembly with the file name '{function.Handler}': {dll} does not exist");
        var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = folder };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        return start;
    }

    /// <summary>The dotnet host running us (dotnet run sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}

using System.Diagnostics;
using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>Builds each function's project (Release) and finds the assembly the runtime will start.</summary>
public static class FunctionBuilder
{
    /// <returns>Function logical id → built entry assembly.</returns>
    public static async Task<Dictionary<string, string>> BuildAsync(
        SamTemplate template, string templateDirectory, IEnumerable<FunctionDefinition> functions, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var assemblies = new Dictionary<string, string>();
        var built = new Dictionary<string, string>(); // project → target path, when functions share one
        foreach (var function in functions)
        {
            var directory = Path.GetFullPath(Path.Combine(templateDirectory, function.CodeUri));
            var project = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.csproj").SingleOrDefault() : null;
            if (project is null)
                throw new TemplateException($"Resources.{function.LogicalId}.Properties.CodeUri: no single .csproj in {directory}");
            if (!built.TryGetValue(project, out var targetPath))
            {
                var clock = Stopwatch.StartNew();
                progress.Report($"Building {function.LogicalId} ({Path.GetRelativePath(templateDirectory, project)}) ...");
                targetPath = await BuildProjectAsync(project, cancellationToken);
                built[project] = targetPath;
                progress.Report($"Built {function.LogicalId} in {clock.Elapsed.TotalSeconds:F1} s");
            }
            var dll = Path.Combine(Path.GetDirectoryName(targetPath)!, function.Handler + ".dll");
            if (!File.Exists(dll))
                throw new TemplateException($"Resources.{function.LogicalId}.Properties.Handler: {function.Handler}.dll is not what {Path.GetFileName(project)} builds ({Path.GetFileName(targetPath)})");
            assemblies[function.LogicalId] = dll;
        }
        return assemblies;
    }

    private static async Task<string> BuildProjectAsync(string project, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "build", project, "-c", "Release", "--nologo", "-t:Build", "-getProperty:TargetPath" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0 || !File.Exists(lines[^1]))
            throw new InvalidOperationException($"dotnet build {project} failed (exit {process.ExitCode}):\n{await output}\n{await errors}");
        return lines[^1];
    }
}

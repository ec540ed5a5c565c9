using System.Diagnostics;
using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>
/// Publishes each function's project as `sam build` would for Lambda (Release, linux-x64, framework-dependent,
/// so ReadyToRun) into .local/functions/, and finds the assembly the runtime will start.
/// </summary>
public static class FunctionBuilder
{
    /// <returns>Function logical id → built entry assembly.</returns>
    public static async Task<Dictionary<string, string>> BuildAsync(
        string templateDirectory, IEnumerable<FunctionDefinition> functions, IProgress<string> progress, CancellationToken cancellationToken)
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
                var output = Path.Combine(templateDirectory, ".local", "functions", Path.GetFileNameWithoutExtension(project));
                targetPath = await PublishAsync(project, output, cancellationToken);
                built[project] = targetPath;
                progress.Report($"Built {function.LogicalId} in {clock.Elapsed.TotalSeconds:F1} s");
            }
            var dll = Path.Combine(Path.GetDirectoryName(targetPath)!, function.Handler + ".dll");
            if (!File.Exists(dll))
                throw new TemplateException($"Resources.{function.LogicalId}.Properties.Handler: {function.Handler}.dll is not what {Path.GetFileName(project)} builds");
            assemblies[function.LogicalId] = dll;
        }
        return assemblies;
    }

    private static async Task<string> PublishAsync(string project, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", output, "--nologo" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new FunctionBuildException("dotnet did not start: is the .NET SDK on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new FunctionBuildException($"dotnet publish {project} failed (exit {process.ExitCode}):\n{await stdout}\n{await stderr}");
        return Path.Combine(output, Path.GetFileNameWithoutExtension(project) + ".dll");
    }
}

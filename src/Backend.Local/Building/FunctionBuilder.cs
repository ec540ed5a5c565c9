using System.Diagnostics;
using Backend.Template;

namespace Backend.Local.Building;

/// <summary>
/// What a build may skip. The start's build does every step. A reload's skips what the change cannot have made stale,
/// and ReadyToRun (precompiled code only shortens a cold start a little; skipping it saves ~0.4 s per build).
/// </summary>
/// <param name="Restore">Restore packages: needed after a project or build file changed, not after a source file did (~0.8 s).</param>
/// <param name="References">Build the referenced projects: needed when one of them changed (~0.3 s).</param>
public sealed record BuildSteps(bool Restore, bool References, bool ReadyToRun)
{
    public static readonly BuildSteps All = new(true, true, true);
}

/// <summary>What one `dotnet publish` came to: the folder it filled, or the compiler's errors.</summary>
public sealed record BuildResult(string Project, string Output, IReadOnlyList<string> Errors, bool TimedOut, TimeSpan Elapsed)
{
    public bool Succeeded => Errors.Count == 0 && !TimedOut;
}

/// <summary>
/// Publishes function projects as `sam build` would for Lambda (Release, linux-x64, framework-dependent, so
/// ReadyToRun), and finds the assembly the runtime will start.
/// </summary>
public static class FunctionBuilder
{
    /// <summary>A build that runs longer than this is stopped (a hung restore, a target waiting forever).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The start's build: each function's project into .local/functions/&lt;Project&gt;/, once per project.</summary>
    /// <returns>Function logical id → built entry assembly.</returns>
    public static async Task<Dictionary<string, string>> BuildAsync(
        string templateDirectory, IEnumerable<FunctionDefinition> functions, IProgress<string> progress, CompilerServer? compiler, CancellationToken cancellationToken)
    {
        var assemblies = new Dictionary<string, string>();
        var built = new Dictionary<string, string>(); // project → output folder, when functions share one
        foreach (var function in functions)
        {
            var project = ProjectGraph.ProjectOf(templateDirectory, function);
            if (!built.TryGetValue(project, out var output))
            {
                var clock = Stopwatch.StartNew();
                output = Path.Combine(templateDirectory, ".local", "functions", Path.GetFileNameWithoutExtension(project));
                // Nothing it is built from changed since the last start's build: no dotnet publish (3-10 s each).
                var stamp = BuildStamp.Compute(project, string.Join(' ', PublishArguments(project, output, BuildSteps.All)));
                if (BuildStamp.IsCurrent(output, stamp))
                {
                    progress.Report($"Up to date: {function.LogicalId} ({Path.GetRelativePath(templateDirectory, project)}, checked in {clock.Elapsed.TotalSeconds:F2} s)");
                }
                else
                {
                    progress.Report($"Building {function.LogicalId} ({Path.GetRelativePath(templateDirectory, project)}) ...");
                    // A build stopped half-way must not pass for a good one at the next start.
                    if (File.Exists(BuildStamp.PathOf(output))) File.Delete(BuildStamp.PathOf(output));
                    var result = await PublishAsync(project, output, templateDirectory, compiler, BuildSteps.All, DefaultTimeout, cancellationToken);
                    if (!result.Succeeded)
                        throw new FunctionBuildException($"dotnet publish {project} {(result.TimedOut ? $"did not finish in {DefaultTimeout.TotalSeconds:F0} s" : "failed")}:\n  {string.Join("\n  ", result.Errors)}");
                    BuildStamp.Write(output, stamp);
                    progress.Report($"Built {function.LogicalId} in {clock.Elapsed.TotalSeconds:F1} s");
                }
                built[project] = output;
            }
            assemblies[function.LogicalId] = EntryAssembly(output, function, project);
        }
        return assemblies;
    }

    /// <summary>The assembly the function's Handler names in a build's output; a template error when the project does not build it.</summary>
    public static string EntryAssembly(string output, FunctionDefinition function, string project)
    {
        var dll = Path.Combine(output, function.Handler + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new TemplateException($"Resources.{function.LogicalId}.Properties.Handler: {function.Handler}.dll is not what {Path.GetFileName(project)} builds");
    }

    /// <summary>
    /// One `dotnet publish` into <paramref name="output"/>. Cancelling it, or running past <paramref name="timeout"/>,
    /// kills the build with everything it started.
    /// </summary>
    public static async Task<BuildResult> PublishAsync(string project, string output, string baseDirectory, CompilerServer? compiler,
        BuildSteps steps, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // At a lower CPU priority (nice 10, inherited by the compiler server it starts): requests being served
        // come before a build, which matters on a machine of two cores.
        var start = new ProcessStartInfo("nice") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-n", "10", "dotnet" }.Concat(PublishArguments(project, output, steps))) start.ArgumentList.Add(arg);
        foreach (var arg in compiler?.BuildArguments ?? []) start.ArgumentList.Add(arg);
        // No MSBuild node or server may outlive the build: only the compiler server, which the emulator stops.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new FunctionBuildException("dotnet did not start: is the .NET SDK on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new BuildResult(project, output, [], TimedOut: true, clock.Elapsed);
        }
        var log = await stdout + "\n" + await stderr;
        if (process.ExitCode == 0) return new BuildResult(project, output, [], TimedOut: false, clock.Elapsed);
        var errors = BuildErrors.Parse(log, baseDirectory);
        return new BuildResult(project, output, errors.Count > 0 ? errors : [$"dotnet publish exited with {process.ExitCode}:", .. LastLines(log, 20)], TimedOut: false, clock.Elapsed);
    }

    /// <summary>`dotnet publish` as `sam build` runs it for Lambda, less the steps a reload may skip.</summary>
    private static IEnumerable<string> PublishArguments(string project, string output, BuildSteps steps)
    {
        string[] arguments = ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", output, "--nologo", "-nodeReuse:false"];
        if (!steps.Restore) arguments = [.. arguments, "--no-restore"];
        if (!steps.References) arguments = [.. arguments, "-p:BuildProjectReferences=false"];
        if (!steps.ReadyToRun) arguments = [.. arguments, "-p:PublishReadyToRun=false"];
        return arguments;
    }

    private static IEnumerable<string> LastLines(string log, int count) =>
        log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count);
}

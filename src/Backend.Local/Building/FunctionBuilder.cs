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

    /// <summary>
    /// The start's build: each function's project published into .local/functions/&lt;Project&gt;/, once per project,
    /// unless nothing it is built from changed since (<see cref="BuildStamp"/>). The projects that need it are
    /// published by one `dotnet publish` of a solution made for them, so that MSBuild builds them in parallel and
    /// the projects they share (Backend.Lambda) once; a line per function shows how far it is.
    /// </summary>
    /// <returns>Function logical id → built entry assembly.</returns>
    public static async Task<Dictionary<string, string>> BuildAsync(
        string templateDirectory, IEnumerable<FunctionDefinition> functions, IProgress<string> progress, CompilerServer? compiler, CancellationToken cancellationToken)
    {
        var functionsDirectory = Path.Combine(templateDirectory, ".local", "functions");
        var plan = functions.Select(f =>
        {
            var project = ProjectGraph.ProjectOf(templateDirectory, f);
            var native = Packaging.IsNative(f);
            return (Function: f, Project: project, Native: native, Output: Packaging.OutputOf(functionsDirectory, project, native));
        }).ToList();

        // (project, native) → where, what: a template may run one project both ways.
        var stale = new Dictionary<(string Project, bool Native), (string Output, string Stamp)>();
        var check = Stopwatch.StartNew();
        foreach (var (function, project, native, output) in plan)
        {
            if (stale.ContainsKey((project, native))) continue;
            var stamp = BuildStamp.Compute(project, string.Join(' ', PublishArguments(project, output, BuildSteps.All, native)));
            if (BuildStamp.IsCurrent(output, stamp))
                progress.Report($"Up to date: {function.LogicalId} ({Path.GetRelativePath(templateDirectory, project)}, checked in {check.Elapsed.TotalSeconds:F2} s)");
            else
                stale[(project, native)] = (output, stamp);
            check.Restart();
        }

        if (stale.Count > 0)
        {
            // A build stopped half-way must not pass for a good one at the next start.
            foreach (var (output, _) in stale.Values.Where(s => File.Exists(BuildStamp.PathOf(s.Output)))) File.Delete(BuildStamp.PathOf(output));
            var board = new BuildBoard(progress, plan.Where(p => stale.ContainsKey((p.Project, p.Native))).Select(p => (p.Function.LogicalId, Path.GetRelativePath(templateDirectory, p.Project))));
            try
            {
                // One publish per packaging (Packaging=native is a property of the whole build); managed first, the quicker.
                foreach (var native in new[] { false, true })
                {
                    var projects = stale.Keys.Where(k => k.Native == native).Select(k => k.Project).ToList();
                    if (projects.Count == 0) continue;
                    var (result, published) = await PublishTogetherAsync(projects, native, functionsDirectory, templateDirectory, compiler, board, cancellationToken);
                    if (!result.Succeeded)
                        throw new FunctionBuildException($"dotnet publish{(native ? " (Native AOT)" : "")} of {string.Join(", ", projects.Select(Path.GetFileName))} {(result.TimedOut ? $"did not finish in {TimeoutFor(projects.Count, native).TotalSeconds:F0} s" : "failed")}:\n  {string.Join("\n  ", result.Errors)}");
                    foreach (var project in projects)
                    {
                        var (output, stamp) = stale[(project, native)];
                        var from = published.GetValueOrDefault(Path.GetFileNameWithoutExtension(project))
                            ?? throw new FunctionBuildException($"dotnet publish did not say where it published {Path.GetFileName(project)}");
                        CopyDirectory(from, output, native);
                        BuildStamp.Write(output, stamp);
                    }
                }
            }
            finally
            {
                board.End();
            }
        }
        return plan.ToDictionary(p => p.Function.LogicalId, p => EntryAssembly(p.Output, p.Function, p.Project));
    }

    /// <summary>
    /// The whole start's build is stopped after this: the one-project timeout for each project in it (twice that for
    /// Native AOT, whose compile takes ~20-60 s a function on top of the managed build).
    /// </summary>
    private static TimeSpan TimeoutFor(int projects, bool native) => DefaultTimeout * projects * (native ? 2 : 1);

    /// <summary>
    /// `dotnet publish` of a solution (.slnx) listing the projects, as `sam build` would publish each (Release,
    /// linux-x64, framework-dependent, ReadyToRun). Each project lands in its own publish folder; MSBuild prints
    /// "Project -> folder/" when one is published, which is when the board marks its functions built.
    /// </summary>
    /// <returns>The build's result, and project name → the folder it was published to.</returns>
    private static async Task<(BuildResult Result, Dictionary<string, string> Published)> PublishTogetherAsync(IReadOnlyList<string> projects, bool native,
        string functionsDirectory, string baseDirectory, CompilerServer? compiler, BuildBoard board, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(functionsDirectory);
        var solution = Path.Combine(functionsDirectory, native ? "start-native.slnx" : "start.slnx");
        await File.WriteAllTextAsync(solution, "<Solution>\n" + string.Concat(projects.Select(p =>
            $"  <Project Path=\"{System.Security.SecurityElement.Escape(Path.GetRelativePath(functionsDirectory, p))}\" />\n")) + "</Solution>\n", cancellationToken);
        var names = projects.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var published = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] arguments =
        [
            "publish", solution, "-c", "Release", "-r", "linux-x64", .. Packaging.PublishArguments(native), "--nologo", "-nodeReuse:false",
            // A solution build would build a referenced project that is not in it (Backend.Lambda) as Debug; it
            // must be built as the single-project publish builds it (Release), where a reload's build finds it.
            "-p:ShouldUnsetParentConfigurationAndPlatform=false",
        ];
        try
        {
            var result = await RunAsync(arguments, solution, baseDirectory, compiler, TimeoutFor(projects.Count, native), line =>
            {
                // "  Backend.Calc -> /…/bin/Release/net10.0/linux-x64/publish/": the project is published.
                var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
                if (arrow < 0 || !line.EndsWith('/')) return;
                var name = line[..arrow].Trim();
                if (!names.Contains(name)) return;
                lock (published) published[name] = line[(arrow + 4)..].Trim();
                board.Done(name);
            }, cancellationToken);
            return (result, published);
        }
        finally
        {
            File.Delete(solution);
        }
    }

    /// <summary>Replaces <paramref name="to"/> with a copy of what <paramref name="from"/> holds that the function ships (<see cref="Packaging.Ships"/>).</summary>
    private static void CopyDirectory(string from, string to, bool native)
    {
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => Packaging.Ships(f, native)))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>
    /// What the function's runtime starts in a build's output: the assembly its Handler names (managed), or the
    /// bootstrap (Native AOT); a template error when the project does not build it.
    /// </summary>
    public static string EntryAssembly(string output, FunctionDefinition function, string project)
    {
        if (Packaging.IsNative(function))
        {
            var bootstrap = Path.Combine(output, Packaging.Bootstrap);
            return File.Exists(bootstrap)
                ? bootstrap
                : throw new TemplateException($"Resources.{function.LogicalId}.Properties.Runtime: {function.Runtime} runs a {Packaging.Bootstrap} executable, which {Path.GetFileName(project)} does not build with -p:Packaging=native");
        }
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
        BuildSteps steps, bool native, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await RunAsync(PublishArguments(project, output, steps, native), project, baseDirectory, compiler, timeout, onLine: null, cancellationToken);
        // The executable alone, as the start's build keeps it.
        if (result.Succeeded && native)
        {
            foreach (var file in Directory.EnumerateFiles(output).Where(f => !Packaging.Ships(f, native))) File.Delete(file);
        }
        return result with { Output = output };
    }

    /// <summary>
    /// Runs `dotnet` with the arguments (a publish). Cancelling it, or running past <paramref name="timeout"/>, kills
    /// it with everything it started. Each line it prints goes to <paramref name="onLine"/> as it comes.
    /// </summary>
    private static async Task<BuildResult> RunAsync(IEnumerable<string> arguments, string project, string baseDirectory, CompilerServer? compiler,
        TimeSpan timeout, Action<string>? onLine, CancellationToken cancellationToken)
    {
        // At a lower CPU priority (nice 10, inherited by the compiler server it starts): requests being served
        // come before a build, which matters on a machine of two cores.
        var start = new ProcessStartInfo("nice") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-n", "10", "dotnet" }.Concat(arguments)) start.ArgumentList.Add(arg);
        foreach (var arg in compiler?.BuildArguments ?? []) start.ArgumentList.Add(arg);
        // No MSBuild node or server may outlive the build: only the compiler server, which the emulator stops.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        var log = new System.Text.StringBuilder();
        void Received(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
            onLine?.Invoke(line);
        }
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new FunctionBuildException("dotnet did not start: is the .NET SDK on PATH?");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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
            return new BuildResult(project, "", [], TimedOut: true, clock.Elapsed);
        }
        // The parameterless wait also waits for the output's end, so the log is whole.
        process.WaitForExit();
        string text;
        lock (log) text = log.ToString();
        if (process.ExitCode == 0) return new BuildResult(project, "", [], TimedOut: false, clock.Elapsed);
        var errors = BuildErrors.Parse(text, baseDirectory);
        return new BuildResult(project, "", errors.Count > 0 ? errors : [$"dotnet publish exited with {process.ExitCode}:", .. LastLines(text, 20)], TimedOut: false, clock.Elapsed);
    }

    /// <summary>`dotnet publish` as `sam build` runs it for Lambda, less the steps a reload may skip.</summary>
    private static IEnumerable<string> PublishArguments(string project, string output, BuildSteps steps, bool native)
    {
        string[] arguments = ["publish", project, "-c", "Release", "-r", "linux-x64", .. Packaging.PublishArguments(native), "-o", output, "--nologo", "-nodeReuse:false"];
        if (!steps.Restore) arguments = [.. arguments, "--no-restore"];
        if (!steps.References) arguments = [.. arguments, "-p:BuildProjectReferences=false"];
        if (!steps.ReadyToRun) arguments = [.. arguments, "-p:PublishReadyToRun=false"];
        return arguments;
    }

    private static IEnumerable<string> LastLines(string log, int count) =>
        log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count);
}

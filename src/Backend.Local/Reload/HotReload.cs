using System.Collections.Concurrent;
using System.Diagnostics;
using Backend.DynamoDbLocal;
using Backend.Local.Building;
using Backend.Local.ControlPlane;
using Backend.Local.Hosting;
using Backend.Local.LambdaApi;
using Backend.Template;

namespace Backend.Local.Reload;

/// <summary>
/// Save a file, the next request runs the new code. A saved source file rebuilds the function projects it belongs
/// to (one build at a time; a newer save cancels the build it makes stale), each into a folder of its own, and the
/// functions swap to it as UpdateFunctionCode swaps them (<see cref="FunctionCatalog.ChangeAsync{T}"/>): new
/// invocations start on the new build, busy instances finish on the old one. A saved template.yaml is read again
/// and what changed is served (functions, routes, APIs, tables). A build that fails, or a template that no longer
/// reads, changes nothing: the previous code and configuration go on serving and the errors are printed once.
/// </summary>
public sealed class HotReload : IAsyncDisposable
{
    private sealed class ProjectBuilds
    {
        public int Requested;
        public CancellationTokenSource? Running;

        /// <summary>A project or build file changed since the last good build (or nothing was restored here yet): restore before building.</summary>
        public volatile bool NeedsRestore;

        /// <summary>A referenced project changed since the last good build (or none was built here yet): build the references too.</summary>
        public volatile bool ReferencesStale;
    }

    private readonly HotReloadOptions _options;
    private readonly string _buildsDirectory;
    // One `dotnet publish` at a time: function projects share referenced projects, whose obj/ two builds would write at once.
    private readonly SemaphoreSlim _buildGate = new(1, 1);
    // One change of what is served at a time: a template reload, or a build's swap.
    private readonly SemaphoreSlim _applyGate = new(1, 1);
    private readonly ConcurrentDictionary<string, ProjectBuilds> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _assemblies;
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _watcherLock = new();
    private volatile TemplateFile _template;
    private volatile WatchPlan _plan;
    private SourceWatcher _watcher;
    private int _generation;

    private HotReload(HotReloadOptions options)
    {
        _options = options;
        _template = options.Template;
        _assemblies = new ConcurrentDictionary<string, string>(options.Assemblies, StringComparer.Ordinal);
        var reloads = Path.Combine(options.Template.Directory, ".local", "functions", "reloads");
        RemoveLeftBuilds(reloads);
        _buildsDirectory = Path.Combine(reloads, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _plan = WatchPlan.For(_template.Path, _template.Directory, ServedFunctions(_template.Model));
        _watcher = new SourceWatcher(_plan.Folders, options.Quiet, OnChanged);
    }

    public static HotReload Start(HotReloadOptions options) => new(options);

    /// <summary>template.yaml as last read successfully: what is served now.</summary>
    public TemplateFile Template => _template;

    /// <summary>The compiler server the builds share (stopped with the emulator).</summary>
    public CompilerServer Compiler => _options.Compiler;

    /// <summary>The folders being watched.</summary>
    public IReadOnlyList<WatchedFolder> Folders => _watcher.Folders;

    private IEnumerable<FunctionDefinition> ServedFunctions(SamTemplate template) => template.Functions.Where(f => _options.Serves(f.LogicalId));

    private void OnChanged(IReadOnlyCollection<string> paths, long since) => Track(HandleAsync(paths, since));

    private async Task HandleAsync(IReadOnlyCollection<string> paths, long since)
    {
        if (_plan.TemplateChanged(paths)) await ReloadTemplateAsync(since);
        foreach (var project in _plan.ProjectsToRebuild(paths)) Track(ReloadProjectAsync(project, paths, since));
        // A project file may now reference another project, whose folder must be watched too.
        RefreshWatcher();
    }

    /// <summary>Rebuilds one function project and swaps the functions it builds to the new build.</summary>
    private async Task ReloadProjectAsync(string project, IReadOnlyCollection<string> paths, long since)
    {
        var builds = Builds(project);
        // A project file may have gained a reference, which must then be built too.
        if (paths.Any(WatchPlan.ChangesRestore)) builds.NeedsRestore = builds.ReferencesStale = true;
        if (_plan.ReachesReferences(project, paths)) builds.ReferencesStale = true;
        var ticket = Interlocked.Increment(ref builds.Requested);
        Cancel(builds.Running);
        var template = _template;
        var native = ServedFunctions(template.Model).Any(f => ProjectOrNull(template.Directory, f) == project && Packaging.IsNative(f));
        var result = await BuildAsync(project, native, builds, ticket);
        if (result is null) return;
        await _applyGate.WaitAsync(_stopping.Token);
        try
        {
            if (ticket != Volatile.Read(ref builds.Requested)) return;
            template = _template;
            var functions = ServedFunctions(template.Model)
                .Where(f => ProjectOrNull(template.Directory, f) == project && _options.Catalog.Find(f.FunctionName) is { FromTemplate: true })
                .ToList();
            if (functions.Count == 0)
            {
                TryDelete(result.Output);
                return;
            }
            var names = string.Join(", ", functions.Select(f => f.LogicalId));
            if (!result.Succeeded)
            {
                ReportFailedBuild(names, result);
                return;
            }
            foreach (var function in functions)
            {
                string assembly;
                try
                {
                    assembly = FunctionBuilder.EntryAssembly(result.Output, function, project);
                }
                catch (TemplateException e)
                {
                    Write($"{function.LogicalId} not reloaded: {e.Message}; still serving the previous build");
                    continue;
                }
                await _options.Catalog.ChangeAsync(new FunctionAddress(function.FunctionName, null), state =>
                    (state with { Latest = state.Latest with { CodeDirectory = Path.GetDirectoryName(assembly)!, LastModified = Revisions.Now(), RevisionId = Revisions.New() } }, 0));
                _assemblies[function.LogicalId] = assembly;
            }
            // With --warm-containers EAGER the new build is initialised before the reload is announced.
            await Task.WhenAll(functions.Select(f => _options.Host.WarmedAsync(f.FunctionName)));
            Write($"Reloaded {names} in {Stopwatch.GetElapsedTime(since).TotalSeconds:F1} s (build {result.Elapsed.TotalSeconds:F1} s)");
            RemoveUnusedBuilds(project);
        }
        finally
        {
            _applyGate.Release();
        }
    }

    /// <summary>Publishes the project into a new folder; null when a newer change made this build stale, or the emulator is stopping.</summary>
    /// <param name="native">Published as Native AOT: the template runs the project's functions on provided.al2023.</param>
    private async Task<BuildResult?> BuildAsync(string project, bool native, ProjectBuilds builds, int ticket)
    {
        try
        {
            await _buildGate.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        try
        {
            if (ticket != Volatile.Read(ref builds.Requested)) return null;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            builds.Running = cancel;
            var output = Path.Combine(_buildsDirectory, $"{Path.GetFileNameWithoutExtension(project)}-{Interlocked.Increment(ref _generation)}");
            try
            {
                var (restore, references) = (builds.NeedsRestore, builds.ReferencesStale);
                // Never restored for this packaging (the template switched it since the start): restore, build all.
                if (!File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "obj", native ? "native" : "", "project.assets.json"))) restore = references = true;
                var result = await FunctionBuilder.PublishAsync(project, output, _template.Directory, _options.Compiler,
                    new BuildSteps(restore, references, ReadyToRun: false), native, _options.BuildTimeout, cancel.Token);
                if (!result.Succeeded) TryDelete(output);
                else
                {
                    if (restore) builds.NeedsRestore = false;
                    if (references) builds.ReferencesStale = false;
                }
                return ticket == Volatile.Read(ref builds.Requested) ? result : null;
            }
            catch (OperationCanceledException)
            {
                TryDelete(output);
                return null;
            }
            finally
            {
                builds.Running = null;
            }
        }
        finally
        {
            _buildGate.Release();
        }
    }

    /// <summary>Reads template.yaml again and serves what changed, or, when it does not read, keeps everything as it was.</summary>
    private async Task ReloadTemplateAsync(long since)
    {
        await _applyGate.WaitAsync(_stopping.Token);
        try
        {
            var current = _template;
            TemplateFile next;
            try
            {
                next = current.Reload();
            }
            catch (TemplateException e)
            {
                Write($"template.yaml not reloaded: {e.Located}\n  still serving the previous configuration");
                return;
            }
            var changes = TemplateChanges.Between(current.Model, next.Model, _options.Serves);
            foreach (var warning in next.Model.Warnings.Except(current.Model.Warnings)) Write($"warning: {warning}");

            // New code first (new functions, a new CodeUri or Handler): if it does not build, nothing changes.
            var assemblies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var function in changes.AddedFunctions.Concat(changes.ChangedFunctions.Where(c => c.Properties.Contains("CodeUri") || c.Properties.Contains("Handler")).Select(c => c.After)))
            {
                var assembly = await AssemblyForAsync(next, function);
                if (assembly is null) return;
                assemblies[function.LogicalId] = assembly;
            }
            // Tables before the functions and routes that may use them at once; a table is never deleted.
            foreach (var table in changes.AddedTables) await CreateTableAsync(table);
            foreach (var function in changes.AddedFunctions) await AddAsync(next, function, assemblies[function.LogicalId]);
            foreach (var function in ServedFunctions(next.Model).Where(f => changes.AddedFunctions.All(a => a.LogicalId != f.LogicalId)))
                await UpdateAsync(next, function, changes.ChangedFunctions.FirstOrDefault(c => c.After.LogicalId == function.LogicalId).Properties ?? [], assemblies.GetValueOrDefault(function.LogicalId));
            // Routes once their functions exist; functions removed once no route leads to them.
            _options.Reroute(next.Model);
            foreach (var function in changes.RemovedFunctions) await RemoveAsync(function);
            foreach (var (logicalId, assembly) in assemblies) _assemblies[logicalId] = assembly;
            _template = next;
            _plan = WatchPlan.For(next.Path, next.Directory, ServedFunctions(next.Model));
            Write($"Reloaded template.yaml in {Stopwatch.GetElapsedTime(since).TotalSeconds:F2} s: {changes.Summary()}");
        }
        finally
        {
            _applyGate.Release();
        }
    }

    /// <summary>The built assembly for a function the template now names: from a build of its project already served, or a new build.</summary>
    private async Task<string?> AssemblyForAsync(TemplateFile template, FunctionDefinition function)
    {
        string project;
        try
        {
            project = ProjectGraph.ProjectOf(template.Directory, function);
            var built = ServedFunctions(_template.Model).FirstOrDefault(f =>
                ProjectOrNull(template.Directory, f) == project && _assemblies.ContainsKey(f.LogicalId) && Packaging.IsNative(f) == Packaging.IsNative(function));
            if (built is not null) return FunctionBuilder.EntryAssembly(Path.GetDirectoryName(_assemblies[built.LogicalId])!, function, project);
        }
        catch (TemplateException e)
        {
            Write($"template.yaml not reloaded: {e.Message}\n  still serving the previous configuration");
            return null;
        }
        Write($"Building {function.LogicalId} ({Path.GetRelativePath(template.Directory, project)}) ...");
        var builds = Builds(project);
        var result = await BuildAsync(project, Packaging.IsNative(function), builds, Interlocked.Increment(ref builds.Requested));
        if (result is null) return null;
        if (!result.Succeeded)
        {
            ReportFailedBuild(function.LogicalId, result);
            Write("template.yaml not reloaded: still serving the previous configuration");
            return null;
        }
        try
        {
            return FunctionBuilder.EntryAssembly(result.Output, function, project);
        }
        catch (TemplateException e)
        {
            Write($"template.yaml not reloaded: {e.Message}\n  still serving the previous configuration");
            return null;
        }
    }

    private async Task CreateTableAsync(TableDefinition table)
    {
        if (_options.CreateTable is not { } create)
        {
            Write($"warning: template.yaml now defines table {table.TableName}, but DynamoDB Local is not running (the template had no table at start): restart the emulator to start it");
            return;
        }
        try
        {
            await create(table);
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or HttpRequestException or DynamoDbLocalException)
        {
            Write($"warning: table {table.TableName} was not created in DynamoDB Local: {e.Message}");
        }
    }

    private async Task AddAsync(TemplateFile template, FunctionDefinition function, string assembly)
    {
        try
        {
            await _options.Catalog.CreateAsync(TemplateFunctions.From(function, assembly, template.Model, _options.EnvironmentOverrides));
        }
        catch (LambdaApiException)
        {
            Write($"warning: template.yaml now defines {function.FunctionName}, which was created through the Lambda API: restart the emulator to serve the template's");
        }
    }

    /// <summary>Applies changed properties (a new $LATEST, which new invocations start on) and the permissions its events give.</summary>
    private async Task UpdateAsync(TemplateFile template, FunctionDefinition function, IReadOnlyList<string> properties, string? newAssembly)
    {
        if (_options.Catalog.Find(function.FunctionName) is not { FromTemplate: true }) return; // deleted through the API until restart
        var codeDirectory = newAssembly is null ? null : Path.GetDirectoryName(newAssembly);
        try
        {
            await _options.Catalog.ChangeAsync(new FunctionAddress(function.FunctionName, null), state =>
            {
                var fresh = TemplateFunctions.From(function, Path.Combine(codeDirectory ?? state.Latest.CodeDirectory, function.Handler + ".dll"), template.Model, _options.EnvironmentOverrides);
                var samePolicies = state.Policies.GetValueOrDefault("")?.Statements.SequenceEqual(fresh.Policies.GetValueOrDefault("")?.Statements ?? []) ?? fresh.Policies.Count == 0;
                if (properties.Count == 0 && samePolicies) return (state, 0);
                var policies = new Dictionary<string, PolicyState>(state.Policies);
                if (!samePolicies)
                {
                    policies.Remove("");
                    if (fresh.Policies.GetValueOrDefault("") is { } statements) policies[""] = statements;
                }
                return (state with
                {
                    Latest = properties.Count == 0 ? state.Latest : fresh.Latest,
                    Policies = policies,
                    ReservedConcurrency = fresh.ReservedConcurrency,
                }, 0);
            });
        }
        catch (LambdaApiException)
        {
            // Deleted through the API meanwhile.
        }
    }

    private async Task RemoveAsync(FunctionDefinition function)
    {
        try
        {
            if (_options.Catalog.Find(function.FunctionName) is { FromTemplate: true })
                await _options.Catalog.DeleteAsync(new FunctionAddress(function.FunctionName, null));
        }
        catch (LambdaApiException)
        {
            // Already deleted through the API.
        }
    }

    private void ReportFailedBuild(string functions, BuildResult result)
    {
        var why = result.TimedOut
            ? $"did not finish in {_options.BuildTimeout.TotalSeconds:F0} s and was stopped"
            : "failed";
        Write($"Build of {functions} {why}: still serving the previous build" + string.Concat(result.Errors.Select(e => "\n  " + e)));
    }

    /// <summary>Build folders of this project no instance runs from any more (an old build may still finish an invocation).</summary>
    private void RemoveUnusedBuilds(string project)
    {
        if (!Directory.Exists(_buildsDirectory)) return;
        foreach (var folder in Directory.GetDirectories(_buildsDirectory, Path.GetFileNameWithoutExtension(project) + "-*"))
        {
            if (!_options.Host.IsInUse(folder) && !_assemblies.Values.Any(a => Path.GetDirectoryName(a) == folder)) TryDelete(folder);
        }
    }

    /// <summary>Build folders of emulators that are gone (killed before they could remove them).</summary>
    private static void RemoveLeftBuilds(string reloads)
    {
        if (!Directory.Exists(reloads)) return;
        foreach (var folder in Directory.GetDirectories(reloads))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId || !ProcFs.IsRunning(pid)) TryDelete(folder);
        }
    }

    private void RefreshWatcher()
    {
        lock (_watcherLock)
        {
            if (_stopping.IsCancellationRequested) return;
            var plan = WatchPlan.For(_template.Path, _template.Directory, ServedFunctions(_template.Model));
            _plan = plan;
            if (plan.Folders.SequenceEqual(_watcher.Folders)) return;
            var previous = _watcher;
            _watcher = new SourceWatcher(plan.Folders, _options.Quiet, OnChanged);
            previous.Dispose();
        }
    }

    /// <summary>A project's build state; a project the start's build did not restore here is restored at its first build.</summary>
    private ProjectBuilds Builds(string project) =>
        _projects.GetOrAdd(project, _ =>
        {
            var builtAtStart = _options.RestoredAtStart
                && ServedFunctions(_options.Template.Model).Any(f => _options.Assemblies.ContainsKey(f.LogicalId) && ProjectOrNull(_options.Template.Directory, f) == project);
            return new ProjectBuilds { NeedsRestore = !builtAtStart, ReferencesStale = !builtAtStart };
        });

    private static string? ProjectOrNull(string templateDirectory, FunctionDefinition function)
    {
        try
        {
            return ProjectGraph.ProjectOf(templateDirectory, function);
        }
        catch (TemplateException)
        {
            return null;
        }
    }

    private void Track(Task task)
    {
        _running[task] = 0;
        _ = task.ContinueWith(t =>
        {
            _running.TryRemove(t, out _);
            // Stopping cancels what was under way; anything else escaping a reload is a bug of ours, said, not swallowed.
            if (t.Exception?.GetBaseException() is { } e and not OperationCanceledException) Write($"error: hot reload failed: {e}");
        }, TaskScheduler.Default);
    }

    private static void Cancel(CancellationTokenSource? running)
    {
        try
        {
            running?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That build has ended meanwhile.
        }
    }

    // Through the log sink's lock, so that a reload line is never spliced into a function's log line.
    private void Write(string line) => _options.Logs.WriteLine(line);

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed at the next start.
        }
    }

    /// <summary>Stops watching, cancels builds under way (killing them) and stops the compiler server.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_watcherLock)
        {
            _stopping.Cancel();
            _watcher.Dispose();
        }
        try
        {
            await Task.WhenAll(_running.Keys);
        }
        catch (Exception)
        {
            // Reported by Track.
        }
        _options.Compiler.Stop();
    }

    /// <summary>Removes this emulator's build folders: call once no instance runs from them.</summary>
    public void RemoveBuilds() => TryDelete(_buildsDirectory);
}

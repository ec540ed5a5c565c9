using System.Collections.Concurrent;
using Backend.Local.LambdaApi;
using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.ControlPlane;

/// <summary>
/// The functions that exist, with their versions, aliases, policies and concurrency: the control plane's state.
/// Every change to a function runs alone (one gate per function), builds the function's next state whole, stores
/// it (functions created through the API), then publishes it and tells the host what to run. Readers take the
/// current state without waiting.
/// </summary>
public sealed class FunctionCatalog
{
    private sealed class Entry(FunctionState state)
    {
        public volatile FunctionState State = state;
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile bool Deleted;
    }

    private readonly ConcurrentDictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _nameByLogicalId = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private readonly FunctionStore _store;
    private readonly FunctionHost _host;

    public FunctionCatalog(FunctionHost host, FunctionStore store)
    {
        _host = host;
        _store = store;
    }

    public LocalValues Local => _host.Local;

    /// <summary>Functions in the order ListFunctions gives them: the template's first, then the API's, each by name (a stable order to page through).</summary>
    public IEnumerable<FunctionState> All =>
        _byName.Values.Select(e => e.State).OrderBy(s => s.FromTemplate ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal);

    /// <summary>Adds a function at start (the template's, or one stored by an earlier run), without storing it again.</summary>
    public void Load(FunctionState function)
    {
        _byName[function.Name] = new Entry(function);
        if (function.LogicalId is { } logicalId) _nameByLogicalId[logicalId] = function.Name;
        Apply(null, function);
    }

    /// <summary>A function by name, or by logical id for the template's (as the template's routes and `invoke` name them).</summary>
    public FunctionState? Find(string name) => FindEntry(name)?.State;

    private Entry? FindEntry(string name) =>
        _byName.TryGetValue(name, out var entry) || (_nameByLogicalId.TryGetValue(name, out var byId) && _byName.TryGetValue(byId, out entry))
            ? entry : null;

    /// <summary>The function an address names, or Lambda's not-found error naming the ARN asked for.</summary>
    public FunctionState Get(FunctionAddress address) =>
        Find(address.Name) ?? throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(Local)));

    /// <summary>
    /// The version an address names: $LATEST when unqualified, a published number, or an alias's version (for
    /// reads; invocations split by the alias's weights with <see cref="InvokeTarget"/>).
    /// </summary>
    public (FunctionState Function, VersionState Version, AliasState? Alias) Resolve(FunctionAddress address)
    {
        var function = Get(address);
        var qualifier = address.Qualifier ?? "$LATEST";
        if (function.Version(qualifier) is { } version) return (function, version, null);
        if (function.Aliases.GetValueOrDefault(qualifier) is { } alias && function.Version(alias.FunctionVersion) is { } target)
            return (function, target, alias);
        throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(Local)));
    }

    /// <summary>The pool an invocation of this address runs on: an alias with routing weights picks its version at random by weight.</summary>
    public FunctionPool InvokeTarget(FunctionAddress address)
    {
        var (function, version, alias) = Resolve(address);
        var chosen = version.Version;
        if (alias is { AdditionalVersionWeights.Count: > 0 })
        {
            var roll = Random.Shared.NextDouble();
            foreach (var (other, weight) in alias.AdditionalVersionWeights)
            {
                if (roll < weight && function.Version(other) is not null)
                {
                    chosen = other;
                    break;
                }
                roll -= weight;
            }
        }
        return _host.Pool(function.Name, chosen) ?? throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(Local)));
    }

    public async Task<FunctionState> CreateAsync(FunctionState function)
    {
        await _createGate.WaitAsync();
        try
        {
            if (FindEntry(function.Name) is not null)
                throw new LambdaApiException(LambdaApiErrors.Conflict($"Function already exist: {function.Name}"));
            // The template's functions (added when template.yaml gains one) are never stored: they come from it.
            if (!function.FromTemplate) _store.Save(function);
            _byName[function.Name] = new Entry(function);
            if (function.LogicalId is { } logicalId) _nameByLogicalId[logicalId] = function.Name;
            Apply(null, function);
            return function;
        }
        finally
        {
            _createGate.Release();
        }
    }

    /// <summary>
    /// Changes one function: <paramref name="change"/> sees its current state and returns the next (or throws a
    /// Lambda error, and nothing changes). Calls on one function run one at a time.
    /// </summary>
    public async Task<T> ChangeAsync<T>(FunctionAddress address, Func<FunctionState, (FunctionState Next, T Result)> change)
    {
        var entry = FindEntry(address.Name) ?? throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(Local)));
        await entry.Gate.WaitAsync();
        try
        {
            if (entry.Deleted) throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(Local)));
            var current = entry.State;
            var (next, result) = change(current);
            if (!ReferenceEquals(next, current))
            {
                if (!next.FromTemplate) _store.Save(next);
                entry.State = next;
                Apply(current, next);
            }
            return result;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public async Task DeleteAsync(FunctionAddress address)
    {
        var entry = FindEntry(address.Name) ?? throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(Local)));
        await entry.Gate.WaitAsync();
        try
        {
            if (entry.Deleted) throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(Local)));
            var name = entry.State.Name;
            if (!entry.State.FromTemplate) _store.Delete(name);
            entry.Deleted = true;
            // The host first: once the name is free, a CreateFunction of the same name may deploy its own pools.
            _host.Remove(name);
            _byName.TryRemove(name, out _);
            if (entry.State.LogicalId is { } logicalId) _nameByLogicalId.TryRemove(logicalId, out _);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Every code package some function still uses (the code store keeps these, removes the rest).</summary>
    public IReadOnlySet<string> CodeInUse() =>
        _byName.Values.SelectMany(e => e.State.Versions.Append(e.State.Latest)).Select(v => v.CodeHex).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>Tells the host what changed: new or changed versions run from new pools, removed ones stop.</summary>
    private void Apply(FunctionState? before, FunctionState after)
    {
        if (before?.ReservedConcurrency != after.ReservedConcurrency || before is null)
            _host.SetReservedConcurrency(after.Name, after.ReservedConcurrency);
        foreach (var version in after.Versions.Append(after.Latest))
        {
            if (before?.Version(version.Version) is { } old && ReferenceEquals(old, version)) continue;
            _host.Deploy(Definition(after, version), version.Version);
        }
        if (before is null) return;
        foreach (var gone in before.Versions.Where(v => after.Version(v.Version) is null)) _host.Remove(after.Name, gone.Version);
    }

    /// <summary>What the host runs for a version.</summary>
    public static FunctionDefinition Definition(FunctionState function, VersionState version) => new(
        function.LogicalId ?? function.Name, function.Name, version.CodeDirectory, version.Handler, version.Runtime, version.Architecture,
        version.MemorySize, version.Timeout, version.Environment, function.ReservedConcurrency, version.Description,
        version.LogFormat, version.ApplicationLogLevel, version.TracingActive)
    {
        TableReferences = function.TableReferences,
    };
}

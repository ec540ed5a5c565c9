using Backend.Template;

namespace Backend.Local.Reload;

/// <summary>What a new reading of template.yaml changes, function by function, route by route, table by table.</summary>
public sealed record TemplateChanges(
    IReadOnlyList<FunctionDefinition> AddedFunctions,
    IReadOnlyList<FunctionDefinition> RemovedFunctions,
    IReadOnlyList<(FunctionDefinition Before, FunctionDefinition After, IReadOnlyList<string> Properties)> ChangedFunctions,
    IReadOnlyList<string> AddedRoutes,
    IReadOnlyList<string> RemovedRoutes,
    bool ApisChanged,
    IReadOnlyList<TableDefinition> AddedTables)
{
    public bool IsEmpty => AddedFunctions.Count == 0 && RemovedFunctions.Count == 0 && ChangedFunctions.Count == 0
        && AddedRoutes.Count == 0 && RemovedRoutes.Count == 0 && !ApisChanged && AddedTables.Count == 0;

    /// <param name="served">Whether the emulator serves a function (it may have been started with only some).</param>
    public static TemplateChanges Between(SamTemplate before, SamTemplate after, Func<string, bool> served)
    {
        var old = before.Functions.Where(f => served(f.LogicalId)).ToDictionary(f => f.LogicalId);
        var next = after.Functions.Where(f => served(f.LogicalId)).ToDictionary(f => f.LogicalId);
        // A new FunctionName is a new function on AWS too (CloudFormation replaces it).
        bool Same(FunctionDefinition a, FunctionDefinition b) => a.FunctionName == b.FunctionName;
        var added = next.Values.Where(f => !old.TryGetValue(f.LogicalId, out var o) || !Same(o, f)).ToList();
        var removed = old.Values.Where(f => !next.TryGetValue(f.LogicalId, out var n) || !Same(f, n)).ToList();
        var changed = next.Values
            .Where(f => old.TryGetValue(f.LogicalId, out var o) && Same(o, f))
            .Select(f => (Before: old[f.LogicalId], After: f, Properties: ChangedProperties(old[f.LogicalId], f)))
            .Where(c => c.Properties.Count > 0)
            .ToList();

        static string Key(RouteDefinition r) => $"{r.Method} {(r.Api.Kind == ApiKind.Rest ? "/" + r.Api.StageName : "")}{r.Path} -> {r.FunctionLogicalId}";
        var oldRoutes = before.Routes.Select(Key).ToHashSet(StringComparer.Ordinal);
        var newRoutes = after.Routes.Select(Key).ToHashSet(StringComparer.Ordinal);
        // Validators, models, CORS, authorization and throttling live on the routes and APIs: any change there is served anew.
        var apisChanged = !before.Apis.Select(ApiText).SequenceEqual(after.Apis.Select(ApiText))
            || before.Routes.Any(r => after.Routes.FirstOrDefault(n => Key(n) == Key(r)) is { } same && ValidationText(same) != ValidationText(r));
        var tables = before.Tables.Select(t => t.TableName).ToHashSet(StringComparer.Ordinal);
        return new TemplateChanges(added, removed, changed,
            after.Routes.Select(Key).Where(k => !oldRoutes.Contains(k)).ToList(),
            before.Routes.Select(Key).Where(k => !newRoutes.Contains(k)).ToList(),
            apisChanged,
            after.Tables.Where(t => !tables.Contains(t.TableName)).ToList());
    }

    /// <summary>The function's properties whose values differ (what a reload line names).</summary>
    public static IReadOnlyList<string> ChangedProperties(FunctionDefinition a, FunctionDefinition b)
    {
        var changed = new List<string>();
        void Check(string name, bool same)
        {
            if (!same) changed.Add(name);
        }
        Check("CodeUri", Path.GetFullPath(a.CodeUri) == Path.GetFullPath(b.CodeUri));
        Check("Handler", a.Handler == b.Handler);
        Check("Runtime", a.Runtime == b.Runtime);
        Check("Architectures", a.Architecture == b.Architecture);
        Check("MemorySize", a.MemorySize == b.MemorySize);
        Check("Timeout", a.Timeout == b.Timeout);
        Check("Environment", a.Environment.Count == b.Environment.Count && a.Environment.All(kv => b.Environment.TryGetValue(kv.Key, out var v) && v == kv.Value));
        Check("ReservedConcurrentExecutions", a.ReservedConcurrentExecutions == b.ReservedConcurrentExecutions);
        Check("Description", a.Description == b.Description);
        Check("LoggingConfig", a.LogFormat == b.LogFormat && a.ApplicationLogLevel == b.ApplicationLogLevel);
        Check("Tracing", a.TracingActive == b.TracingActive);
        return changed;
    }

    private static string ApiText(ApiDefinition api) =>
        $"{api.LogicalId} {api.Kind} {api.StageName} {api.Authorization} {api.Cors} {api.HttpCors?.Describe()} {api.AuthorizeCorsPreflight} {string.Join(",", api.BinaryMediaTypes)} {string.Join(",", api.Throttling)} {api.AccessLog?.Text} "
        + string.Join(";", api.Models.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + "=" + m.Value.ToJsonString()))
        + string.Join(";", api.Authorizers.Values.Select(a => $"{a with { IdentitySources = [] }} {string.Join(",", a.IdentitySources)}"));

    private static string ValidationText(RouteDefinition route) => route.Validation is not { } v ? route.Authorization ?? ""
        : $"{route.Authorization} {string.Join(",", v.RequiredQueryParameters)} {string.Join(",", v.RequiredHeaders)} {v.BodyModel} {v.ValidateBody} {v.ValidateParameters}";

    /// <summary>One line for the console: what was added, changed and removed.</summary>
    public string Summary()
    {
        if (IsEmpty) return "nothing to change";
        var parts = new List<string>();
        if (AddedFunctions.Count > 0) parts.Add("added " + string.Join(", ", AddedFunctions.Select(f => f.LogicalId)));
        if (ChangedFunctions.Count > 0) parts.Add("changed " + string.Join(", ", ChangedFunctions.Select(c => $"{c.After.LogicalId} ({string.Join(", ", c.Properties)})")));
        if (RemovedFunctions.Count > 0) parts.Add("removed " + string.Join(", ", RemovedFunctions.Select(f => f.LogicalId)));
        if (AddedRoutes.Count > 0) parts.Add("new routes " + string.Join(", ", AddedRoutes));
        if (RemovedRoutes.Count > 0) parts.Add("routes gone " + string.Join(", ", RemovedRoutes));
        if (ApisChanged) parts.Add("APIs' settings changed");
        if (AddedTables.Count > 0) parts.Add("new tables " + string.Join(", ", AddedTables.Select(t => t.TableName)));
        return string.Join("; ", parts);
    }
}

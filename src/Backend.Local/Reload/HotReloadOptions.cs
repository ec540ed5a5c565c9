using Backend.Local.Building;
using Backend.Local.ControlPlane;
using Backend.Local.Hosting;
using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.Reload;

/// <summary>What hot reload acts on: the running server's parts it changes, and where it reports.</summary>
public sealed record HotReloadOptions
{
    public required TemplateFile Template { get; init; }
    public required FunctionCatalog Catalog { get; init; }
    public required FunctionHost Host { get; init; }

    /// <summary>The template's functions' built entry assemblies at start (logical id → dll).</summary>
    public required IReadOnlyDictionary<string, string> Assemblies { get; init; }

    /// <summary>Whether the start built (and so restored) the template's projects here; with prebuilt assemblies it did not.</summary>
    public bool RestoredAtStart { get; init; }

    /// <summary>--env-vars, applied again to every function a reload of template.yaml serves anew (null: none given).</summary>
    public required EnvironmentOverrides? EnvironmentOverrides { get; init; }

    /// <summary>Serves a new reading of the template's routes and APIs.</summary>
    public required Action<SamTemplate> Reroute { get; init; }

    /// <summary>Creates a table in DynamoDB Local (if it exists, keeps it and its items); null when none runs.</summary>
    public Func<TableDefinition, Task>? CreateTable { get; init; }

    /// <summary>Whether this emulator serves a function of the template (it may run only some).</summary>
    public Func<string, bool> Serves { get; init; } = _ => true;

    public required CompilerServer Compiler { get; init; }
    public TimeSpan BuildTimeout { get; init; } = FunctionBuilder.DefaultTimeout;

    /// <summary>How long saving must pause before a batch of changes is acted on.</summary>
    public TimeSpan Quiet { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Where reload lines go: the sink the functions' logs go to, so lines never interleave.</summary>
    public required LogSink Logs { get; init; }
}

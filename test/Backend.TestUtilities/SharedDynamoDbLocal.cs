using Backend.Template;

namespace Backend.Lambda.TestUtilities;

/// <summary>
/// One DynamoDB Local per test process, with template.yaml's tables, started on first use and
/// stopped when the process exits. Tests keep out of each other's way with distinct ids or tables.
/// </summary>
public static class SharedDynamoDbLocal
{
    private static readonly Lazy<Task<Backend.DynamoDbLocal.DynamoDbLocalServer>> Instance = new(StartAsync);

    public static Task<Backend.DynamoDbLocal.DynamoDbLocalServer> GetAsync() => Instance.Value;

    /// <summary>The served table of the template (TableName's default).</summary>
    public static TableDefinition ItemsTable => Template.Table("ItemsTable");

    public static SamTemplate Template { get; } = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"));

    /// <summary>A table shaped like the served one, under another name.</summary>
    public static TableDefinition TableNamed(string name) => ItemsTable with { TableName = name };

    private static async Task<Backend.DynamoDbLocal.DynamoDbLocalServer> StartAsync()
    {
        var local = await Backend.DynamoDbLocal.DynamoDbLocalServer.StartAsync(new Backend.DynamoDbLocal.DynamoDbLocalOptions { Tables = Template.Tables });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => local.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return local;
    }
}

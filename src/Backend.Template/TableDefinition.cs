namespace Backend.Template;

/// <summary>One key attribute of a table: its name, HASH or RANGE, and its type (S, N or B).</summary>
public sealed record KeyAttribute(string Name, string KeyType, string AttributeType);

/// <summary>An AWS::DynamoDB::Table of the template, with its name resolved.</summary>
public sealed record TableDefinition(string LogicalId, string TableName, IReadOnlyList<KeyAttribute> Key)
{
    public KeyAttribute PartitionKey => Key.First(k => k.KeyType == "HASH");
}

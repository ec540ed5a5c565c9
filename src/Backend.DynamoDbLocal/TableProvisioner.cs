using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Backend.Template;

namespace Backend.DynamoDbLocal;

/// <summary>Creates the template's tables (key schema and on-demand billing) where they do not exist yet.</summary>
public static class TableProvisioner
{
    public static async Task CreateAsync(IAmazonDynamoDB client, TableDefinition table, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = table.TableName,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = table.Key.Select(k => new KeySchemaElement(k.Name, KeyType.FindValue(k.KeyType))).ToList(),
                AttributeDefinitions = table.Key.Select(k => new AttributeDefinition(k.Name, ScalarAttributeType.FindValue(k.AttributeType))).ToList(),
            }, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Already there (a persistent data folder, or a shared endpoint): keep it and its items.
        }
    }
}

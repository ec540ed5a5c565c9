using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Backend.DynamoDbManager;

/// <summary>The process's one DynamoDB client, configured for Lambda.</summary>
public static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create()
    {
        var config = new AmazonDynamoDBConfig
        {
            // Region comes from AWS_REGION and the endpoint from AWS_ENDPOINT_URL_DYNAMODB, both read by
            // the SDK. Each attempt must end well inside the function's 15 s timeout: 3 attempts of at most 3 s.
            Timeout = TimeSpan.FromSeconds(3),
            MaxErrorRetry = 2,
        };
        // Lambda puts the role's credentials in the environment: take them there, without probing
        // profiles, SSO or instance metadata first.
        return Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 }
            ? new AmazonDynamoDBClient(new EnvironmentVariablesAWSCredentials(), config)
            : new AmazonDynamoDBClient(config);
    }
}

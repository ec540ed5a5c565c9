using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Backend.DynamoDbManager;

/// <summary>The process's one DynamoDB client, configured for Lambda.</summary>
public static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create() => Create(Environment.GetEnvironmentVariable);

    /// <summary>
    /// Everything the client needs is read here, once, from the environment Lambda sets: region, endpoint
    /// and credentials are given to the SDK explicitly, so it never probes profiles, SSO, instance metadata
    /// or config files, at start-up or per request.
    /// </summary>
    public static AmazonDynamoDBClient Create(Func<string, string?> environment)
    {
        var region = environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION") ?? "us-east-1";
        var config = new AmazonDynamoDBConfig
        {
            // Each attempt must end well inside the function's 15 s timeout: 3 attempts of at most 3 s.
            Timeout = TimeSpan.FromSeconds(3),
            MaxErrorRetry = 2,
        };
        if (environment("AWS_ENDPOINT_URL_DYNAMODB") is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        var accessKey = environment("AWS_ACCESS_KEY_ID");
        var secretKey = environment("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey)) return new AmazonDynamoDBClient(config);
        AWSCredentials credentials = environment("AWS_SESSION_TOKEN") is { Length: > 0 } token
            ? new SessionAWSCredentials(accessKey, secretKey, token)
            : new BasicAWSCredentials(accessKey, secretKey);
        return new AmazonDynamoDBClient(credentials, config);
    }
}

using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Backend.DynamoDbManager;

/// <summary>The one place where DynamoDB's and the SDK's exceptions become our typed errors.</summary>
internal static class DynamoDbErrors
{
    public static ManagerException? Map(Exception exception, string tableName) => exception switch
    {
        ManagerException known => known,
        _ when Backend.Lambda.Serialization.JsonStrings.IsUnreadableString(exception) => new BadRequestException(Backend.Lambda.Serialization.JsonStrings.UnreadableMessage),
        ConditionalCheckFailedException e => new ConflictException(e.Message),
        ResourceNotFoundException e => new TableMissingException($"the table '{tableName}' does not exist (DynamoDB: {e.Message})"),
        ProvisionedThroughputExceededException or RequestLimitExceededException
            => new ServiceUnavailableException("DynamoDB is throttling requests; try again later"),
        AmazonDynamoDBException { ErrorCode: "ThrottlingException" }
            => new ServiceUnavailableException("DynamoDB is throttling requests; try again later"),
        AmazonDynamoDBException { ErrorCode: "ValidationException" or "SerializationException" } e => new BadRequestException(e.Message),
        ItemCollectionSizeLimitExceededException e => new BadRequestException(e.Message),
        TransactionConflictException e => new ConflictException(e.Message),
        _ when IsUnreachable(exception) => new ServiceUnavailableException("DynamoDB is unreachable; try again later"),
        AmazonServiceException e => new DynamoDbFailureException($"DynamoDB failed: {e.ErrorCode ?? e.GetType().Name}: {e.Message}"),
        _ => null,
    };

    /// <summary>No connection, a dropped one, or a request that timed out, after the SDK's retries.</summary>
    private static bool IsUnreachable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or IOException or TimeoutException or TaskCanceledException) return true;
        }
        return false;
    }
}

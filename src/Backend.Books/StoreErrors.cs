using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Backend.Lambda.Serialization;

namespace Backend.Books;

/// <summary>
/// The one place where DynamoDB's and the SDK's exceptions become answers. Conditional writes are not here: what a
/// failed condition means (404 or 412) depends on the operation, and BookStore decides it where it knows.
/// </summary>
internal static class StoreErrors
{
    /// <summary>The caller's answer, or null for a failure of ours (the function logs it and answers 500).</summary>
    public static BooksException? Map(Exception exception) => exception switch
    {
        BooksException known => known,
        _ when JsonStrings.IsUnreadableString(exception) => BooksException.BadRequest(JsonStrings.UnreadableMessage),
        ProvisionedThroughputExceededException or RequestLimitExceededException => BooksException.ServiceUnavailable(),
        AmazonDynamoDBException { ErrorCode: "ThrottlingException" } => BooksException.ServiceUnavailable(),
        // A 5xx from DynamoDB (InternalServerError, ServiceUnavailable) after the SDK's retries: worth trying again.
        AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } => BooksException.ServiceUnavailable(),
        _ when IsUnreachable(exception) => BooksException.ServiceUnavailable(),
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

using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.TestUtilities;

namespace Backend.DynamoDbManager.Tests;

/// <summary>
/// The mapping of DynamoDB's failures that DynamoDB Local cannot produce (it never throttles),
/// checked on the SDK's own exception types.
/// </summary>
public sealed class DynamoDbErrorsTests
{
    public static TheoryData<Exception, int, string> Cases => new()
    {
        { new ProvisionedThroughputExceededException("slow down"), 503, "DynamoDB is throttling requests; try again later" },
        { new RequestLimitExceededException("limit"), 503, "DynamoDB is throttling requests; try again later" },
        { new AmazonDynamoDBException("Rate exceeded") { ErrorCode = "ThrottlingException" }, 503, "DynamoDB is throttling requests; try again later" },
        { new AmazonServiceException("send failed", new HttpRequestException("refused", new SocketException(111))), 503, "DynamoDB is unreachable; try again later" },
        { new TaskCanceledException("timed out", new TimeoutException()), 503, "DynamoDB is unreachable; try again later" },
        { new ConditionalCheckFailedException("The conditional request failed"), 409, "The conditional request failed" },
        { new TransactionConflictException("conflict"), 409, "conflict" },
        { new AmazonDynamoDBException("One or more parameter values were invalid") { ErrorCode = "ValidationException" }, 400, "One or more parameter values were invalid" },
        { new ResourceNotFoundException("Requested resource not found"), 500, "the table 'items' does not exist (DynamoDB: Requested resource not found)" },
        { new InternalServerErrorException("oops"), 502, "DynamoDB failed: InternalServerErrorException: oops" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failure_maps_to_its_status_and_message(Exception exception, int status, string message)
    {
        var mapped = DynamoDbErrors.Map(exception, "items");

        Assert.NotNull(mapped);
        Assert.Equal(status, mapped.StatusCode);
        Assert.Equal(message, mapped.Message);
    }

    [Fact]
    public void A_bug_of_ours_is_not_mapped() =>
        Assert.Null(DynamoDbErrors.Map(new NullReferenceException(), "items"));

    [Fact]
    public async Task A_bug_of_ours_is_logged_with_its_details_and_answered_500_without_them()
    {
        var context = new TestLambdaContext();
        var function = new DynamoDbManagerFunction(ThrowingDynamoDb.Throwing(new NullReferenceException("a bug of ours")), "lambda-apigateway");

        var response = await function.HandleApiRequestAsync(
            new APIGatewayProxyRequest { HttpMethod = "POST", Body = """{"operation":"read","payload":{"Key":{"id":"1"}}}""" }, context);

        Assert.Equal(500, response.StatusCode);
        Assert.Equal("""{"message":"Internal error; the function's log has the details"}""", response.Body);
        Assert.Contains("ERROR Unexpected failure: System.NullReferenceException: a bug of ours", ((TestLambdaLogger)context.Logger).Buffer.ToString());
    }
}

using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Backend.Lambda.TestUtilities;
using static Backend.Books.Tests.BooksHarness;

namespace Backend.Books.Tests;

/// <summary>DynamoDB unreachable, throttling or failing: 503 with one message, and never a stack trace.</summary>
public sealed class BooksOutageTests
{
    private static readonly string Id = Ulid.New(DateTimeOffset.UtcNow).Value;

    [Fact]
    public async Task Every_route_is_503_when_DynamoDB_is_unreachable()
    {
        var books = Offline();

        var answers = new[]
        {
            await books.SendAsync("GET"),
            await books.PostAsync(NewBook()),
            await books.SendAsync("GET", Id),
            await books.PutAsync(Id, NewBook()),
            await books.SendAsync("DELETE", Id),
        };

        Assert.All(answers, a =>
        {
            Assert.Equal(503, a.Status);
            Assert.Equal("the book store is unavailable, try again", a.Message);
        });
        Assert.Contains("503", books.Context.Logger is Backend.Lambda.TestUtilities.TestLambdaLogger logger ? logger.Buffer.ToString() : "");
    }

    public static TheoryData<Exception> Unavailable => new()
    {
        new ProvisionedThroughputExceededException("slow down"),
        new RequestLimitExceededException("slow down"),
        new AmazonDynamoDBException("slow down") { ErrorCode = "ThrottlingException" },
        new InternalServerErrorException("oops") { StatusCode = HttpStatusCode.InternalServerError },
        new AmazonDynamoDBException("down") { StatusCode = HttpStatusCode.ServiceUnavailable },
        new HttpRequestException("refused"),
        new AmazonServiceException("timed out", new TaskCanceledException()),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task Throttling_and_5xx_after_the_SDKs_retries_are_503(Exception failure)
    {
        var books = new BooksHarness(ThrowingDynamoDb.Throwing(failure), "books");

        var read = await books.SendAsync("GET", Id);

        Assert.Equal(503, read.Status);
        Assert.Equal("the book store is unavailable, try again", read.Message);
    }

    [Fact]
    public async Task A_failure_of_ours_is_a_500_that_shows_nothing_of_it()
    {
        var books = new BooksHarness(ThrowingDynamoDb.Throwing(new ResourceNotFoundException("Requested resource not found: books")), "books");

        var read = await books.SendAsync("GET", Id);

        Assert.Equal(500, read.Status);
        Assert.DoesNotContain("Requested resource", read.Raw);
        Assert.Contains("Requested resource", ((Backend.Lambda.TestUtilities.TestLambdaLogger)books.Context.Logger).Buffer.ToString());
    }
}

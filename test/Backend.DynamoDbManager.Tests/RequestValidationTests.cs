using System.Text.Json.Nodes;
using static Backend.DynamoDbManager.Tests.ManagerHarness;

namespace Backend.DynamoDbManager.Tests;

/// <summary>Requests refused before any DynamoDB call (the client here cannot reach one).</summary>
public sealed class RequestValidationTests
{
    [Theory]
    [InlineData("""{"operation":"drop","payload":{}}""", 400, "Unknown operation: drop (supported: create, read, update, delete, list, echo, ping)")]
    [InlineData("""{"payload":{}}""", 400, "operation is required: one of create, read, update, delete, list, echo, ping")]
    [InlineData("""{"operation":7}""", 400, "operation must be a string: one of create, read, update, delete, list, echo, ping")]
    [InlineData("""{"operation":"ping","tableName":5}""", 400, "tableName must be a string")]
    [InlineData("""{"operation":"read","tableName":"other"}""", 403, "table 'other' is not served here")]
    [InlineData("""{"operation":"read","tableName":"LAMBDA-APIGATEWAY","payload":{"Key":{"id":"1"}}}""", 403, "table 'LAMBDA-APIGATEWAY' is not served here")]
    [InlineData("""{"operation":"read","tableName":"arn:aws:dynamodb:us-east-1:123456789012:table/lambda-apigateway","payload":{"Key":{"id":"1"}}}""", 403, "table 'arn:aws:dynamodb:us-east-1:123456789012:table/lambda-apigateway' is not served here")]
    [InlineData("""{"operation":"read","tableName":"","payload":{"Key":{"id":"1"}}}""", 403, "table '' is not served here")]
    [InlineData("""{"operation":"read","payload":{"TableName":"other","Key":{"id":"1"}}}""", 403, "table 'other' is not served here")]
    [InlineData("""{"operation":"create"}""", 400, "payload is required for create: a JSON object with Item, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues, ReturnValues")]
    [InlineData("""{"operation":"create","payload":[1]}""", 400, "payload must be a JSON object for create")]
    [InlineData("""{"operation":"create","payload":{}}""", 400, "payload.Item is required for create: a JSON object")]
    [InlineData("""{"operation":"create","payload":{"Item":"x"}}""", 400, "payload.Item must be a JSON object for create")]
    [InlineData("""{"operation":"read","payload":{"Key":{"id":"1"},"AttributesToGet":["id"]}}""", 400, "unsupported parameter for read: AttributesToGet (supported: Key, ProjectionExpression, ExpressionAttributeNames, ConsistentRead)")]
    [InlineData("""{"operation":"read","payload":{"Key":{"id":"1"},"ConsistentRead":"yes"}}""", 400, "payload.ConsistentRead must be true or false for read")]
    [InlineData("""{"operation":"update","payload":{"Key":{"id":"1"}}}""", 400, "payload.UpdateExpression is required for update: a string")]
    [InlineData("""{"operation":"update","payload":{"Key":{"id":"1"},"UpdateExpression":"SET a = :a","ExpressionAttributeNames":{"#a":1}}}""", 400, "payload.ExpressionAttributeNames.#a must be a string for update")]
    [InlineData("""{"operation":"list","payload":{"Limit":0}}""", 400, "payload.Limit must be a positive integer for list")]
    [InlineData("""{"operation":"list","payload":{"Limit":2.5}}""", 400, "payload.Limit must be a positive integer for list")]
    [InlineData("""{"operation":"list","payload":{"ScanFilter":{}}}""", 400, "unsupported parameter for list: ScanFilter (supported: FilterExpression, ProjectionExpression, ExpressionAttributeNames, ExpressionAttributeValues, Limit, ExclusiveStartKey, ConsistentRead, Select)")]
    [InlineData("""{"operation":"echo"}""", 400, "payload is required for echo")]
    [InlineData("""[1,2]""", 400, "the request must be a JSON object with operation, tableName and payload")]
    [InlineData("""{"operation":""", 400, "the body is not valid JSON")]
    [InlineData("", 400, "the body must be a JSON object with operation, tableName and payload")]
    public async Task Bad_requests_get_a_clear_4xx_naming_the_problem(string body, int status, string message)
    {
        var (actualStatus, response, _) = await Offline().PostAsync(body);

        Assert.Equal(status, actualStatus);
        Assert.Equal(message, response!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_base64_body_that_is_not_UTF_8_is_a_400_not_a_crash()
    {
        var evt = System.Text.Json.Nodes.JsonNode.Parse(Lambda.TestUtilities.RepositoryFiles.ReadEvent("dynamodb-echo.json"))!;
        evt["body"] = Convert.ToBase64String([.. "{\"operation\":\"echo\",\"payload\":\""u8, 0xC0, 0xAF, .. "\"}"u8]);
        evt["isBase64Encoded"] = true;

        var (status, body, _) = await Offline().SendAsync(evt.ToJsonString());

        Assert.Equal(400, status);
        Assert.Equal("the body is not valid UTF-8", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Echo_returns_the_payload_unchanged_and_ping_pong()
    {
        var harness = Offline();

        var echo = await harness.SendAsync(Lambda.TestUtilities.RepositoryFiles.ReadEvent("dynamodb-echo.json"));
        var ping = await harness.SendAsync(Lambda.TestUtilities.RepositoryFiles.ReadEvent("dynamodb-ping.json"));
        var nested = await harness.PostAsync("""{"operation":"echo","payload":[1,{"ü":null},"x"]}""");

        Assert.Equal(200, echo.Status);
        Assert.Equal("""{"somekey1":"somevalue1","somekey2":"somevalue2"}""", echo.Raw);
        Assert.Equal("\"pong\"", ping.Raw);
        Assert.Equal("""[1,{"ü":null},"x"]""", nested.Raw);
    }

    [Fact]
    public async Task A_route_it_does_not_serve_is_404()
    {
        var evt = Lambda.TestUtilities.RepositoryFiles.ReadEvent("dynamodb-ping.json").Replace("\"httpMethod\": \"POST\"", "\"httpMethod\": \"GET\"", StringComparison.Ordinal);

        var (status, body, _) = await Offline().SendAsync(evt);

        Assert.Equal(404, status);
        Assert.Equal("DynamoDBManager does not serve GET /DynamoDBManager", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_post_under_another_resource_and_path_is_served_from_its_body()
    {
        var evt = System.Text.Json.Nodes.JsonNode.Parse(Lambda.TestUtilities.RepositoryFiles.ReadEvent("dynamodb-ping.json"))!;
        evt["resource"] = "/manage/{table}";
        evt["path"] = "/manage/items";
        evt["pathParameters"] = new JsonObject { ["table"] = "items" };
        evt["requestContext"]!["resourcePath"] = "/manage/{table}";

        var (status, _, raw) = await Offline().SendAsync(evt.ToJsonString());

        Assert.Equal(200, status);
        Assert.Equal("\"pong\"", raw);
    }

    [Fact]
    public async Task A_direct_invocation_reports_the_same_errors_as_function_errors()
    {
        var harness = Offline();

        var unknown = await Assert.ThrowsAsync<BadRequestException>(() => harness.InvokeDirectAsync("""{"operation":"drop"}"""));
        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => harness.InvokeDirectAsync("""{"operation":"read","tableName":"x","payload":{"Key":{"id":"1"}}}"""));
        var notJson = await Assert.ThrowsAsync<BadRequestException>(() => harness.InvokeDirectAsync("{oops"));

        Assert.StartsWith("Unknown operation: drop", unknown.Message);
        Assert.Equal("table 'x' is not served here", forbidden.Message);
        Assert.Equal("the event is not valid JSON", notJson.Message);
        Assert.Equal("""{"somekey1":"somevalue1","somekey2":"somevalue2"}""",
            await harness.InvokeDirectAsync(Lambda.TestUtilities.RepositoryFiles.ReadEvent("dynamodb-direct-echo.json")));
    }

    [Fact]
    public async Task DynamoDB_unreachable_is_503_with_a_clear_message()
    {
        var (status, body, raw) = await Offline().PostAsync(Request("read", new JsonObject { ["Key"] = new JsonObject { ["id"] = "1" } }));

        Assert.Equal(503, status);
        Assert.Equal("DynamoDB is unreachable; try again later", body!["message"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", raw);
    }
}

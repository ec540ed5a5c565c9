using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Core;

namespace Backend.DynamoDbManager;

/// <summary>
/// The DynamoDB manager (seed 001): <c>{"operation", "tableName", "payload"}</c> from
/// <c>POST /DynamoDBManager</c> (REST API proxy event) or as a direct invocation event.
/// </summary>
public sealed class DynamoDbManagerFunction
{
    public const string Route = "POST /DynamoDBManager";

    private readonly Operations _operations;
    private readonly string _tableName;

    /// <param name="dynamoDb">Created once per process and shared by every invocation.</param>
    /// <param name="tableName">The one table served (TABLE_NAME).</param>
    public DynamoDbManagerFunction(IAmazonDynamoDB dynamoDb, string tableName)
    {
        _tableName = tableName;
        _operations = new Operations(dynamoDb, tableName);
    }

    public async Task<Stream> HandleAsync(Stream input, ILambdaContext context)
    {
        using var document = Parse(input);
        var root = document.RootElement;
        var json = ProxyEvents.IsRestProxyEvent(root)
            ? JsonSerializer.Serialize(
                await HandleApiRequestAsync(root.Deserialize(ApiGatewayJsonContext.Default.APIGatewayProxyRequest)!, context),
                ApiGatewayJsonContext.Default.APIGatewayProxyResponse)
            : await HandleDirectAsync(root, context);
        return new MemoryStream(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Direct invocation: the result JSON, or a function error whose errorType names the failure.</summary>
    public async Task<string> HandleDirectAsync(JsonElement evt, ILambdaContext context)
    {
        try
        {
            return await _operations.ExecuteAsync(ManagerRequest.Read(evt), CancellationToken.None);
        }
        catch (Exception e) when (DynamoDbErrors.Map(e, _tableName) is { } error)
        {
            Log(context, error);
            throw error;
        }
    }

    /// <summary>Through API Gateway: 200 with the result, or the error's status with <c>{"message"}</c>; never a stack trace.</summary>
    public async Task<APIGatewayProxyResponse> HandleApiRequestAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var route = $"{request.HttpMethod} {request.Resource}";
        if (route != Route) return JsonResponses.RestMessage(404, $"DynamoDBManager does not serve {route}");
        try
        {
            using var body = ParseBody(request);
            return JsonResponses.Rest(200, await _operations.ExecuteAsync(ManagerRequest.Read(body.RootElement), CancellationToken.None));
        }
        catch (Exception e)
        {
            var error = DynamoDbErrors.Map(e, _tableName);
            if (error is null)
            {
                context.Logger.LogError($"Unexpected failure: {e}");
                return JsonResponses.RestMessage(500, "Internal error; the function's log has the details");
            }
            Log(context, error);
            return JsonResponses.RestMessage(error.StatusCode, error.Message);
        }
    }

    private static JsonDocument ParseBody(APIGatewayProxyRequest request)
    {
        if (string.IsNullOrEmpty(request.Body))
            throw new BadRequestException("the body must be a JSON object with operation, tableName and payload");
        try
        {
            return request.IsBase64Encoded ? JsonDocument.Parse(Utf8Bodies.Decode(request.Body)) : JsonDocument.Parse(request.Body);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new BadRequestException("the body is not valid JSON");
        }
        catch (InvalidUtf8Exception)
        {
            throw new BadRequestException("the body is not valid UTF-8");
        }
    }

    /// <summary>Lambda's Invoke API only delivers JSON; anything else is a direct caller's bad request.</summary>
    private static JsonDocument Parse(Stream input)
    {
        try
        {
            return JsonDocument.Parse(input);
        }
        catch (JsonException)
        {
            throw new BadRequestException("the event is not valid JSON");
        }
    }

    private static void Log(ILambdaContext context, ManagerException error)
    {
        var line = $"{error.StatusCode} {error.GetType().Name}: {error.Message}";
        if (error.StatusCode >= 500) context.Logger.LogError(line);
        else context.Logger.LogWarning(line);
    }
}

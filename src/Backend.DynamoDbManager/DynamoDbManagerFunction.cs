using System.Text.Json;
using Amazon.DynamoDBv2;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Core;

namespace Backend.DynamoDbManager;

/// <summary>
/// The DynamoDB manager: <c>{"operation", "tableName", "payload"}</c> as the body of a POST through a REST API
/// (proxy event, payload 1.0), whatever its path, or as a direct invocation event.
/// </summary>
public sealed class DynamoDbManagerFunction
{
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
        using var evt = RestOrDirectEvent.Parse(input) ?? throw new BadRequestException("the event is not valid JSON");
        return evt.ProxyRequest is { } request
            ? RestOrDirectEvent.Answer(await HandleApiRequestAsync(request, context))
            : RestOrDirectEvent.Answer(await HandleDirectAsync(evt.Payload, context));
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

    /// <summary>Through API Gateway, a POST: 200 with the result, or the error's status with <c>{"message"}</c>; never a stack trace.</summary>
    public async Task<APIGatewayProxyResponse> HandleApiRequestAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        if (request.HttpMethod != "POST")
            return JsonResponses.RestMessage(404, $"DynamoDBManager does not serve {request.HttpMethod} {request.Resource}");
        try
        {
            using var body = JsonBody.Read(request);
            if (body.Problem is { } problem)
                throw new BadRequestException(problem.Describe(whenEmpty: "the body must be a JSON object with operation, tableName and payload"));
            return JsonResponses.Rest(200, await _operations.ExecuteAsync(ManagerRequest.Read(body.Root), CancellationToken.None));
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

    private static void Log(ILambdaContext context, ManagerException error)
    {
        var line = $"{error.StatusCode} {error.GetType().Name}: {error.Message}";
        if (error.StatusCode >= 500) context.Logger.LogError(line);
        else context.Logger.LogWarning(line);
    }
}

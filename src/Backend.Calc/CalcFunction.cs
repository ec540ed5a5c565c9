using System.Text;
using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Core;

namespace Backend.Calc;

/// <summary>
/// The Calc function (seed 002). One raw entry point serves both ways it is called: a REST API proxy
/// event (payload 1.0) from the three /calc routes, or a direct invocation with <c>{a, b, op}</c>.
/// </summary>
public sealed class CalcFunction
{
    public const string PostRoute = "POST /calc";
    public const string QueryRoute = "GET /calc";
    public const string PathRoute = "GET /calc/{operand1}/{operand2}/{operator}";

    public Task<Stream> HandleAsync(Stream input, ILambdaContext context)
    {
        using var document = ParseEvent(input);
        var root = document.RootElement;
        var json = ProxyEvents.IsRestProxyEvent(root)
            ? JsonSerializer.Serialize(HandleApiRequest(root.Deserialize(ApiGatewayJsonContext.Default.APIGatewayProxyRequest)!, context), ApiGatewayJsonContext.Default.APIGatewayProxyResponse)
            : HandleDirect(root, context);
        return Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>API Gateway and Lambda's Invoke API only send JSON; anything else is a direct caller's bad input.</summary>
    private static JsonDocument ParseEvent(Stream input)
    {
        try
        {
            return JsonDocument.Parse(input);
        }
        catch (JsonException)
        {
            throw new CalcInputException(new CalcInputError(CalcInputError.InvalidInput, "the event is not valid JSON"));
        }
    }

    /// <summary>Direct invocation: {a, b, op} in, {a, b, op, c} out, or a function error "400 …".</summary>
    public string HandleDirect(JsonElement evt, ILambdaContext context)
    {
        var (request, error) = evt.ValueKind == JsonValueKind.Object
            ? CalcInput.Validate(CalcField.FromJson("a", evt), CalcField.FromJson("b", evt), CalcField.FromJson("op", evt))
            : (null, new CalcInputError(CalcInputError.InvalidInput, "the event must be a JSON object"));
        if (error is not null)
        {
            context.Logger.LogWarning(error.Message);
            throw new CalcInputException(error);
        }
        return CalcJson.Output(request!, Calculator.Compute(request!.A, request.B, request.Operator));
    }

    /// <summary>The three REST routes; bad input is a 400 {"message": "Invalid …: detail"}.</summary>
    public APIGatewayProxyResponse HandleApiRequest(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var route = $"{request.HttpMethod} {request.Resource}";
        switch (route)
        {
            case PostRoute:
                return FromBody(request, context);
            case QueryRoute:
                return Answer(context, CalcJson.Output, FromUrl(request.QueryStringParameters));
            case PathRoute:
                return Answer(context, CalcJson.Result, FromUrl(request.PathParameters));
            default:
                return JsonResponses.RestMessage(404, $"Calc does not serve {route}");
        }
    }

    /// <summary>operand1, operand2 and operator from a query string or path parameters.</summary>
    private static (CalcRequest?, CalcInputError?) FromUrl(IDictionary<string, string>? parameters) => CalcInput.Validate(
        CalcField.FromText("operand1", parameters.Find("operand1")),
        CalcField.FromText("operand2", parameters.Find("operand2")),
        CalcField.FromOperatorText("operator", parameters.Find("operator")));

    private static APIGatewayProxyResponse FromBody(APIGatewayProxyRequest request, ILambdaContext context)
    {
        if (string.IsNullOrEmpty(request.Body))
            return Invalid(context, new CalcInputError(CalcInputError.InvalidInput, "the body must be a JSON object with a, b and op"));
        JsonDocument body;
        try
        {
            body = request.IsBase64Encoded
                ? JsonDocument.Parse(Utf8Bodies.Decode(request.Body))
                : JsonDocument.Parse(request.Body);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Invalid(context, new CalcInputError(CalcInputError.InvalidInput, "the body is not valid JSON"));
        }
        catch (InvalidUtf8Exception)
        {
            return Invalid(context, new CalcInputError(CalcInputError.InvalidInput, "the body is not valid UTF-8"));
        }
        using (body)
        {
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Invalid(context, new CalcInputError(CalcInputError.InvalidInput, "the body must be a JSON object with a, b and op"));
            return Answer(context, CalcJson.Output, CalcInput.Validate(
                CalcField.FromJson("a", root), CalcField.FromJson("b", root), CalcField.FromJson("op", root)));
        }
    }

    private static APIGatewayProxyResponse Answer(
        ILambdaContext context, Func<CalcRequest, double?, string> shape, (CalcRequest? Request, CalcInputError? Error) input)
    {
        if (input.Error is not null) return Invalid(context, input.Error);
        var request = input.Request!;
        return JsonResponses.Rest(200, shape(request, Calculator.Compute(request.A, request.B, request.Operator)));
    }

    private static APIGatewayProxyResponse Invalid(ILambdaContext context, CalcInputError error)
    {
        context.Logger.LogWarning(error.Message);
        return JsonResponses.RestMessage(400, error.Message);
    }
}

using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Core;

namespace Backend.Calc;

/// <summary>
/// The Calc function. One raw entry point serves both ways it is called: a REST API proxy event (payload 1.0),
/// or a direct invocation with <c>{a, b, op}</c>. Which way of asking a proxy event is comes from what it carries,
/// never from its route, so the template may name the paths as it likes.
/// </summary>
public sealed class CalcFunction
{
    private const string ObjectExpected = "the body must be a JSON object with a, b and op";

    public Task<Stream> HandleAsync(Stream input, ILambdaContext context)
    {
        using var evt = RestOrDirectEvent.Parse(input)
            ?? throw new CalcInputException(new CalcInputError(CalcInputError.InvalidInput, "the event is not valid JSON"));
        return Task.FromResult(evt.ProxyRequest is { } request
            ? RestOrDirectEvent.Answer(HandleApiRequest(request, context))
            : RestOrDirectEvent.Answer(HandleDirect(evt.Payload, context)));
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

    /// <summary>
    /// Through API Gateway: a POST carries {a, b, op} in its body; a GET carries operand1, operand2 and operator
    /// as path parameters (answered with the Result model) or else in its query string. Bad input is a 400
    /// {"message": "Invalid …: detail"}.
    /// </summary>
    public APIGatewayProxyResponse HandleApiRequest(APIGatewayProxyRequest request, ILambdaContext context) => request.HttpMethod switch
    {
        "POST" => FromBody(request, context),
        "GET" when request.PathParameters is { Count: > 0 } path => Answer(context, CalcJson.Result, FromUrl(path)),
        "GET" => Answer(context, CalcJson.Output, FromUrl(request.QueryStringParameters)),
        _ => JsonResponses.RestMessage(404, $"Calc does not serve {request.HttpMethod} {request.Resource}"),
    };

    /// <summary>operand1, operand2 and operator from a query string or path parameters.</summary>
    private static (CalcRequest?, CalcInputError?) FromUrl(IDictionary<string, string>? parameters) => CalcInput.Validate(
        CalcField.FromText("operand1", parameters.Find("operand1")),
        CalcField.FromText("operand2", parameters.Find("operand2")),
        CalcField.FromOperatorText("operator", parameters.Find("operator")));

    private static APIGatewayProxyResponse FromBody(APIGatewayProxyRequest request, ILambdaContext context)
    {
        using var body = JsonBody.Read(request);
        if (body.Problem is { } problem)
            return Invalid(context, new CalcInputError(CalcInputError.InvalidInput, problem.Describe(whenEmpty: ObjectExpected)));
        var root = body.Root;
        if (root.ValueKind != JsonValueKind.Object)
            return Invalid(context, new CalcInputError(CalcInputError.InvalidInput, ObjectExpected));
        return Answer(context, CalcJson.Output, CalcInput.Validate(
            CalcField.FromJson("a", root), CalcField.FromJson("b", root), CalcField.FromJson("op", root)));
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

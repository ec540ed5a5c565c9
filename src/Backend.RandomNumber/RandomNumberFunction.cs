using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Core;
using Backend.Lambda.Serialization;

namespace Backend.RandomNumber;

/// <summary>
/// The random-number function of an HTTP API (payload 2.0): a fresh random number on every call, 1..100 by default,
/// with optional ?min=&amp;max= (inclusive) and ?count=.
/// </summary>
public sealed class RandomNumberFunction
{
    // Every refresh must show a new number: no browser or proxy may answer from a cache.
    private static readonly Dictionary<string, string> NoStore = new() { ["Cache-Control"] = "no-store" };

    private readonly Func<long, long, long> _next;

    public RandomNumberFunction() : this((min, max) => UniformRandom.Next(min, max)) { }

    /// <param name="next">The generator of a value in [min, max]; tests may pin it.</param>
    public RandomNumberFunction(Func<long, long, long> next) => _next = next;

    public Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(APIGatewayHttpApiV2ProxyRequest? request, ILambdaContext context) =>
        Task.FromResult(Handle(request, context));

    public APIGatewayHttpApiV2ProxyResponse Handle(APIGatewayHttpApiV2ProxyRequest? request, ILambdaContext context)
    {
        var (query, error) = RandomQuery.Parse(request?.QueryStringParameters);
        if (error is not null)
        {
            context.Logger.LogWarning(error);
            return JsonResponses.HttpApi(400, JsonResponses.MessageBody(error), NoStore);
        }
        var body = JsonBytes.WriteString(w =>
        {
            w.WriteStartObject();
            if (query!.Count is { } count)
            {
                w.WriteStartArray("numbers");
                for (var i = 0; i < count; i++) w.WriteNumberValue(_next(query.Min, query.Max));
                w.WriteEndArray();
            }
            else
            {
                w.WriteNumber("number", _next(query.Min, query.Max));
            }
            w.WriteEndObject();
        });
        return JsonResponses.HttpApi(200, body, NoStore);
    }
}

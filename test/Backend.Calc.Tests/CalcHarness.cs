using System.Text;
using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.TestUtilities;

namespace Backend.Calc.Tests;

/// <summary>Calls CalcFunction the way the runtime loop does: raw JSON in, raw JSON out.</summary>
internal static class CalcHarness
{
    public static async Task<string> InvokeRawAsync(string eventJson)
    {
        var output = await new CalcFunction().HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(eventJson)), new TestLambdaContext());
        return await new StreamReader(output).ReadToEndAsync();
    }

    /// <summary>Sends a REST (payload 1.0) event and reads the proxy response back.</summary>
    public static async Task<APIGatewayProxyResponse> InvokeApiAsync(string eventJson) =>
        JsonSerializer.Deserialize(await InvokeRawAsync(eventJson), ApiGatewayJsonContext.Default.APIGatewayProxyResponse)!;

    public static string PostEvent(string body, bool base64 = false) => WithChanges(RepositoryFiles.ReadEvent("calc-post.json"), e =>
    {
        e["body"] = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body;
        e["isBase64Encoded"] = base64;
    });

    public static string QueryEvent(params (string Name, string Value)[] query) => WithChanges(RepositoryFiles.ReadEvent("calc-get-query.json"), e =>
    {
        var q = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, value) in query) q[name] = value;
        e["queryStringParameters"] = query.Length == 0 ? null : q;
    });

    public static string PathEvent(string operand1, string operand2, string op) => WithChanges(RepositoryFiles.ReadEvent("calc-get-path.json"), e =>
    {
        e["pathParameters"] = new System.Text.Json.Nodes.JsonObject { ["operand1"] = operand1, ["operand2"] = operand2, ["operator"] = op };
    });

    private static string WithChanges(string json, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }
}

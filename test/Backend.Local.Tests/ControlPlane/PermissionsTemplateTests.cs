using System.Text.Json;
using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// The template's functions carry the permissions SAM generates for their Api/HttpApi events (template.yaml's event
/// names: PostCalc, GetCalcQuery, GetCalcPath on RestApi stage prod; GetIndex on RandomApi), as GetPolicy shows on AWS.
/// </summary>
[Collection("control plane server")]
public class PermissionsTemplateTests(ControlPlaneServerFixture fixture)
{
    private const string ExecuteApi = "arn:aws:execute-api:us-east-1:123456789012:";

    [Fact]
    public async Task CalcFunction_lets_api_gateway_invoke_it_from_each_of_its_rest_routes()
    {
        var statements = await StatementsAsync("CalcFunction");

        Assert.Equal(new (string?, string?)[]
        {
            ("CalcFunctionPostCalcPermissionprod", ExecuteApi + "restapi/*/POST/calc"),
            ("CalcFunctionGetCalcQueryPermissionprod", ExecuteApi + "restapi/*/GET/calc"),
            ("CalcFunctionGetCalcPathPermissionprod", ExecuteApi + "restapi/*/GET/calc/*/*/*"),
        }, statements.Select(s => (s.GetProperty("Sid").GetString(), s.GetProperty("Condition").GetProperty("ArnLike").GetProperty("AWS:SourceArn").GetString())));
        await AssertApiGatewayMayInvokeAsync("CalcFunction", statements);
    }

    [Fact]
    public async Task RandomNumberFunction_lets_api_gateway_invoke_it_from_its_http_api_route()
    {
        var statements = await StatementsAsync("RandomNumberFunction");

        var statement = Assert.Single(statements);
        // An HttpApi event's permission has no stage suffix.
        Assert.Equal("RandomNumberFunctionGetIndexPermission", statement.GetProperty("Sid").GetString());
        Assert.Equal(ExecuteApi + "randomapi/*/GET/index", statement.GetProperty("Condition").GetProperty("ArnLike").GetProperty("AWS:SourceArn").GetString());
        await AssertApiGatewayMayInvokeAsync("RandomNumberFunction", statements);
    }

    private async Task<List<JsonElement>> StatementsAsync(string function)
    {
        var policy = await GetRawAsync(fixture, $"/2015-03-31/functions/{function}/policy");
        BotocoreModel.AssertOutputShape("GetPolicy", policy);
        using var document = JsonDocument.Parse(policy.GetProperty("Policy").GetString()!);
        return [.. document.RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.Clone())];
    }

    private async Task AssertApiGatewayMayInvokeAsync(string function, List<JsonElement> statements)
    {
        var arn = (await GetRawAsync(fixture, $"/2015-03-31/functions/{function}/configuration")).GetProperty("FunctionArn").GetString();
        Assert.All(statements, s =>
        {
            Assert.Equal(new[] { "Sid", "Effect", "Principal", "Action", "Resource", "Condition" }, s.EnumerateObject().Select(p => p.Name));
            Assert.Equal("""{"Service":"apigateway.amazonaws.com"}""", s.GetProperty("Principal").GetRawText());
            Assert.Equal("lambda:InvokeFunction", s.GetProperty("Action").GetString());
            Assert.Equal(arn, s.GetProperty("Resource").GetString());
        });
    }
}

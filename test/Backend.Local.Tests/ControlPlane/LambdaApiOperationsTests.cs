using System.Text.Json;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// Every operation of botocore's Lambda model reaches the endpoint as the SDKs send it: either it is served, or it
/// answers that it is not, by name. A path typed wrong in the endpoint's table (a served operation the SDKs could
/// not reach) shows up here as a generic unknown operation.
/// </summary>
[Collection("control plane server")]
public sealed class LambdaApiOperationsTests(ControlPlaneServerFixture fixture)
{
    public static TheoryData<string> Operations() => [.. BotocoreModel.OperationNames];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_of_the_model_is_served_or_refused_by_name(string operation)
    {
        var (method, path) = BotocoreModel.RequestOf(operation);
        // Path parameters filled with a name no function has: a served operation answers its own not-found (or a
        // validation error), never the generic unknown operation.
        var uri = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "no-such-thing-" + operation.ToLowerInvariant());
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (method is "POST" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Lambda.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.Single() : null;
        if (errorType != "UnknownOperationException") return; // served: its own answer
        var message = JsonDocument.Parse(body).RootElement.GetProperty("Message").GetString();
        // Operations sharing a path (told apart by the query) are named together: "GetLayerVersionByArn / ListLayers".
        Assert.EndsWith(" is not served by this local Lambda endpoint", message);
        Assert.Contains(operation, message!.Split(' '));
    }

    [Fact]
    public async Task A_path_of_no_operation_is_an_unknown_operation()
    {
        using var response = await fixture.Lambda.GetAsync("/2015-03-31/nothing-here");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("UnknownOperationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("Unknown operation GET /2015-03-31/nothing-here", await response.Content.ReadAsStringAsync());
    }
}

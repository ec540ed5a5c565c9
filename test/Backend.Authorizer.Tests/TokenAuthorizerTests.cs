using System.Text;
using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;

namespace Backend.Authorizer.Tests;

/// <summary>TokenAuthorizer called as the runtime loop calls it: a TOKEN event in, a policy out.</summary>
public sealed class TokenAuthorizerTests
{
    private const string Token = "s3cret-token";
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:restapi/prod/GET/calc";

    private static async Task<JsonObject> InvokeAsync(TokenAuthorizer authorizer, string eventJson)
    {
        var output = await authorizer.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(eventJson)), new TestLambdaContext());
        return JsonNode.Parse(output)!.AsObject();
    }

    private static string TokenEvent(string header) =>
        new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = header, ["methodArn"] = MethodArn }.ToJsonString();

    private static JsonObject Statement(JsonObject policy) => policy["policyDocument"]!["Statement"]![0]!.AsObject();

    [Fact]
    public async Task The_configured_token_is_allowed_every_method_of_the_stage_with_a_principal_and_context()
    {
        var policy = await InvokeAsync(new TokenAuthorizer(Token), TokenEvent("Bearer " + Token));

        Assert.Equal(TokenAuthorizer.PrincipalId, policy["principalId"]!.GetValue<string>());
        Assert.Equal("Allow", Statement(policy)["Effect"]!.GetValue<string>());
        Assert.Equal("execute-api:Invoke", Statement(policy)["Action"]!.GetValue<string>());
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:restapi/prod/*", Statement(policy)["Resource"]!.GetValue<string>());
        Assert.Equal("""{"scheme":"bearer","authorized":true}""", policy["context"]!.ToJsonString());
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer s3cret-token-and-more")]
    [InlineData("bearer S3CRET-TOKEN")]
    public async Task Another_token_is_denied_the_method_asked_for(string header)
    {
        var policy = await InvokeAsync(new TokenAuthorizer(Token), TokenEvent(header));

        Assert.Equal("Deny", Statement(policy)["Effect"]!.GetValue<string>());
        Assert.Equal(MethodArn, Statement(policy)["Resource"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("s3cret-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task A_header_that_is_not_a_bearer_token_is_Unauthorized(string header)
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => InvokeAsync(new TokenAuthorizer(Token), TokenEvent(header)));

        Assert.Equal("Unauthorized", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_a_configured_token_every_request_is_denied(string? configured)
    {
        var policy = await InvokeAsync(new TokenAuthorizer(configured), TokenEvent("Bearer anything"));

        Assert.Equal("Deny", Statement(policy)["Effect"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_event_files_give_an_answer_and_Unauthorized()
    {
        var allowed = await InvokeAsync(new TokenAuthorizer("change-me"), RepositoryFiles.ReadEvent("authorizer-token.json"));

        Assert.Equal("Allow", Statement(allowed)["Effect"]!.GetValue<string>());
        await Assert.ThrowsAsync<UnauthorizedException>(() => InvokeAsync(new TokenAuthorizer("change-me"), RepositoryFiles.ReadEvent("authorizer-token-malformed.json")));
    }

    [Theory]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc/prod/POST/books/1", "arn:aws:execute-api:us-east-1:123456789012:abc/prod/*")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/", "arn:aws:execute-api:us-east-1:123456789012:abc/prod/*")]
    public void The_stage_wildcard_keeps_the_api_and_stage(string methodArn, string expected) =>
        Assert.Equal(expected, TokenAuthorizer.StageWildcard(methodArn));
}

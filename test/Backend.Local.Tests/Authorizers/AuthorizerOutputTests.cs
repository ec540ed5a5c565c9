using System.Text;
using Backend.Local.Gateway.Authorizers;
using Backend.Template;

namespace Backend.Local.Tests.Authorizers;

/// <summary>Which authorizer answers API Gateway accepts (anything else is its 500), and what they decide.</summary>
public sealed class AuthorizerOutputTests
{
    private static readonly AuthorizerDefinition Token = new("T", "F", AuthorizerPayload.Token, ["method.request.header.Authorization"], null, 300);
    private static readonly AuthorizerDefinition Simple = new("S", "F", AuthorizerPayload.Request, [], null, 0, "2.0", SimpleResponses: true);
    private static readonly AuthorizerDefinition Http2 = new("H", "F", AuthorizerPayload.Request, [], null, 0, "2.0");
    private const string Arn = "arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/x";

    private static AuthorizerOutput? Parse(string json, AuthorizerDefinition authorizer) => AuthorizerOutput.Parse(Encoding.UTF8.GetBytes(json), authorizer);

    [Fact]
    public void A_policy_with_a_single_statement_object_and_list_elements_is_read()
    {
        var output = Parse("""{"principalId":"me","policyDocument":{"Version":"2012-10-17","Statement":{"Action":["execute-api:Invoke"],"Effect":"Allow","Resource":["arn:aws:execute-api:*"]}},"context":{"a":"b","n":1,"t":false},"usageIdentifierKey":"k"}""", Token)!;

        Assert.Equal("me", output.PrincipalId);
        Assert.Equal(PolicyDecision.Allow, output.Decide(Arn));
        Assert.Equal("""{"a":"b","n":1,"t":false}""", output.Context.ToJsonString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"policyDocument":{"Statement":[]}}""")]
    [InlineData("""{"principalId":1,"policyDocument":{"Statement":[]}}""")]
    [InlineData("""{"principalId":"me"}""")]
    [InlineData("""{"principalId":"me","policyDocument":{"Statement":"Allow"}}""")]
    [InlineData("""{"principalId":"me","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"allow","Resource":"*"}]}}""")]
    [InlineData("""{"principalId":"me","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow"}]}}""")]
    [InlineData("""{"principalId":"me","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":[1]}]}}""")]
    [InlineData("""{"principalId":"me","policyDocument":{"Statement":[]},"context":{"o":{"a":1}}}""")]
    [InlineData("""{"principalId":"me","policyDocument":{"Statement":[]},"context":{"l":[1]}}""")]
    [InlineData("""{"principalId":"me","policyDocument":{"Statement":[]},"context":"text"}""")]
    [InlineData("""{"isAuthorized":true}""")]
    public void Malformed_policy_answers_are_refused(string json) => Assert.Null(Parse(json, Token));

    [Fact]
    public void Simple_responses_decide_by_isAuthorized_whatever_the_ARN_and_keep_any_context()
    {
        Assert.Equal(PolicyDecision.Allow, Parse("""{"isAuthorized":true,"context":{"o":{"a":1}}}""", Simple)!.Decide(Arn));
        Assert.Equal(PolicyDecision.ImplicitDeny, Parse("""{"isAuthorized":false}""", Simple)!.Decide(Arn));
        Assert.Null(Parse("""{"isAuthorized":"yes"}""", Simple));
        Assert.Null(Parse("""{"principalId":"me","policyDocument":{"Statement":[]}}""", Simple));
    }

    [Fact]
    public void An_HTTP_API_payload_2_policy_may_carry_nested_context() =>
        Assert.NotNull(Parse("""{"principalId":"me","policyDocument":{"Statement":[]},"context":{"o":{"a":1}}}""", Http2));
}

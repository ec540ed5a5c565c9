using Backend.Local.Gateway.Authorizers;

namespace Backend.Local.Tests.Authorizers;

/// <summary>How an authorizer's policy is read against a method ARN: IAM's wildcards and its Deny-wins order.</summary>
public sealed class PolicyTests
{
    private const string Arn = "arn:aws:execute-api:us-east-1:123456789012:restapi/prod/GET/books/1";

    [Theory]
    [InlineData("*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:restapi/prod/*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:restapi/*/GET/books/*", true)]
    [InlineData("arn:aws:execute-api:*:*:restapi/prod/GET/books/?", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:restapi/prod/GET/books/??", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:restapi/prod/POST/*", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:restapi/prod/GET/books", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:RESTAPI/prod/*", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:restapi/prod/GET/books/1*", true)]
    public void Resources_match_with_IAMs_wildcards_and_case(string resource, bool matches) =>
        Assert.Equal(matches, IamPolicyMatch.Matches(resource, Arn));

    [Theory]
    [InlineData("execute-api:Invoke", true)]
    [InlineData("execute-api:invoke", true)]
    [InlineData("execute-api:*", true)]
    [InlineData("*", true)]
    [InlineData("execute-api:ManageConnections", false)]
    [InlineData("lambda:InvokeFunction", false)]
    public void Only_statements_about_execute_api_Invoke_apply(string action, bool applies) =>
        Assert.Equal(applies, new PolicyStatement(true, [action], ["*"]).AppliesTo(Arn));

    [Fact]
    public void An_explicit_Deny_wins_over_an_Allow_and_nothing_allowing_is_an_implicit_deny()
    {
        var allowAll = new PolicyStatement(true, ["execute-api:Invoke"], ["*"]);
        var denyBooks = new PolicyStatement(false, ["execute-api:Invoke"], ["arn:aws:execute-api:*:*:restapi/prod/*/books/*"]);
        var allowPost = new PolicyStatement(true, ["execute-api:Invoke"], ["arn:aws:execute-api:*:*:restapi/prod/POST/*"]);

        Assert.Equal(PolicyDecision.Allow, PolicyStatement.Evaluate([allowAll], Arn));
        Assert.Equal(PolicyDecision.ExplicitDeny, PolicyStatement.Evaluate([allowAll, denyBooks], Arn));
        Assert.Equal(PolicyDecision.ImplicitDeny, PolicyStatement.Evaluate([allowPost], Arn));
        Assert.Equal(PolicyDecision.ImplicitDeny, PolicyStatement.Evaluate([], Arn));
    }
}

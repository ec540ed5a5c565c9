namespace Backend.Local.Gateway.Authorizers;

/// <summary>What an authorizer's policy says of one method ARN.</summary>
public enum PolicyDecision
{
    Allow,
    /// <summary>No statement allows the ARN: 403 "User is not authorized to access this resource".</summary>
    ImplicitDeny,
    /// <summary>A Deny statement matches: it wins over any Allow, and API Gateway says so in its 403.</summary>
    ExplicitDeny,
}

/// <summary>One statement of an authorizer's policy document, Action and Resource each a list.</summary>
public sealed record PolicyStatement(bool Allow, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    /// <summary>The only action an authorizer's policy is about ("Output from an API Gateway Lambda authorizer").</summary>
    public const string InvokeAction = "execute-api:Invoke";

    public bool AppliesTo(string methodArn) =>
        Actions.Any(a => IamPolicyMatch.Matches(a, InvokeAction, ignoreCase: true))
        && Resources.Any(r => IamPolicyMatch.Matches(r, methodArn));

    /// <summary>IAM's evaluation order: an explicit Deny wins, then an Allow, else the implicit deny.</summary>
    public static PolicyDecision Evaluate(IEnumerable<PolicyStatement> statements, string methodArn)
    {
        var applying = statements.Where(s => s.AppliesTo(methodArn)).ToList();
        if (applying.Any(s => !s.Allow)) return PolicyDecision.ExplicitDeny;
        return applying.Count > 0 ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }
}

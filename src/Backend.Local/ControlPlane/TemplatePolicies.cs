using Backend.Template;

namespace Backend.Local.ControlPlane;

/// <summary>
/// The permissions SAM generates for a function's Api and HttpApi events (one AWS::Lambda::Permission per event,
/// letting API Gateway invoke the function from that route), as the statements GetPolicy shows on AWS after deploy.
/// Facts from aws-sam-translator's output for this template: REST events are named
/// <c>{Function}{Event}Permission{stage}</c> with a SourceArn on any stage and path parameters as <c>*</c>; HTTP API
/// events <c>{Function}{Event}Permission</c>.
/// </summary>
public static class TemplatePolicies
{
    public static IReadOnlyList<PolicyStatement> For(FunctionDefinition function, SamTemplate template) =>
        template.Routes.Where(r => r.FunctionLogicalId == function.LogicalId).Select(route =>
        {
            var sid = route.Api.Kind == ApiKind.Rest ? $"{function.LogicalId}{route.EventName}Permission{route.Api.StageName}" : $"{function.LogicalId}{route.EventName}Permission";
            var method = route.Method == "ANY" ? "*" : route.Method;
            var path = string.Join('/', route.Path.Split('/').Select(segment => segment.StartsWith('{') ? "*" : segment));
            var sourceArn = $"arn:aws:execute-api:{template.Local.Region}:{template.Local.AccountId}:{route.Api.ApiId}/*/{method}{path}";
            return new PolicyStatement(sid, "apigateway.amazonaws.com", "lambda:InvokeFunction", template.Local.FunctionArn(function.FunctionName), SourceArn: sourceArn);
        }).ToList();
}

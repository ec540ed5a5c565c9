using System.Text.RegularExpressions;
using Backend.Local.LambdaApi;
using Backend.Template;

namespace Backend.Local.ControlPlane;

/// <summary>
/// A function as the Lambda API names it: a name, a partial ARN (<c>123456789012:function:NAME</c>) or a full ARN,
/// each optionally qualified (<c>:$LATEST</c>, <c>:7</c>, <c>:alias</c>), plus the Qualifier parameter.
/// </summary>
public sealed partial record FunctionAddress(string Name, string? Qualifier)
{
    [GeneratedRegex(@"^(arn:(aws[a-zA-Z-]*)?:lambda:)?(?<region>[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(?<account>\d{12}:)?(function:)?(?<name>[a-zA-Z0-9-_]+)(:(?<qualifier>\$LATEST|[a-zA-Z0-9-_]+))?$")]
    private static partial Regex Pattern();

    /// <summary>The botocore model's pattern for FunctionName, as Lambda quotes it in its validation error.</summary>
    private const string PatternText = @"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";

    /// <summary>Parses what the path and the Qualifier parameter say; throws Lambda's error for a malformed or foreign name.</summary>
    public static FunctionAddress Parse(string nameOrArn, string? qualifierParameter, LocalValues local)
    {
        var match = nameOrArn.Length is > 0 and <= 140 ? Pattern().Match(nameOrArn) : Match.Empty;
        if (!match.Success)
        {
            throw new LambdaApiException(LambdaApiErrors.Validation(nameOrArn.Length > 140
                ? $"Value '{nameOrArn}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 140"
                : $"Value '{nameOrArn}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: {PatternText}"));
        }
        var name = match.Groups["name"].Value;
        if (match.Groups["region"].Success && match.Groups["region"].Value.TrimEnd(':') is var region && region != local.Region)
            throw new LambdaApiException(LambdaApiErrors.NotFound($"Functions from '{region}' are not reachable in this region ('{local.Region}')"));
        if (match.Groups["account"].Success && match.Groups["account"].Value.TrimEnd(':') != local.AccountId)
            throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(local.FunctionArn(name)));
        var derived = match.Groups["qualifier"].Success ? match.Groups["qualifier"].Value : null;
        var qualifier = string.IsNullOrEmpty(qualifierParameter) ? null : qualifierParameter;
        if (derived is not null && qualifier is not null && derived != qualifier)
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter("The derived qualifier from the function name does not match the specified qualifier."));
        if (name.Length > 64)
            throw new LambdaApiException(LambdaApiErrors.Validation($"Value '{name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64"));
        return new FunctionAddress(name, derived ?? qualifier);
    }

    public string Arn(LocalValues local) => Qualifier is null ? local.FunctionArn(Name) : $"{local.FunctionArn(Name)}:{Qualifier}";
}

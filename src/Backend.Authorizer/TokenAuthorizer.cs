using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Backend.Lambda.Core;
using Backend.Lambda.Serialization;

namespace Backend.Authorizer;

/// <summary>
/// A REST API TOKEN authorizer (the event <c>{"type":"TOKEN","authorizationToken","methodArn"}</c>): a request carrying
/// <c>Authorization: Bearer &lt;token&gt;</c> with the configured token is allowed to call every method of the API's
/// stage; another token is denied (403); a header that is not a bearer token is "Unauthorized" (401), as AWS's
/// authorizer blueprints answer.
/// </summary>
public sealed class TokenAuthorizer
{
    /// <summary>The environment variable holding the accepted token (the template's NoEcho parameter ApiToken).</summary>
    public const string TokenVariable = "AUTH_TOKEN";

    /// <summary>Who the caller is to the functions behind the API (requestContext.authorizer.principalId).</summary>
    public const string PrincipalId = "api-client";

    private const string Scheme = "Bearer ";

    private readonly byte[]? _token;

    /// <param name="token">The accepted token; none (or empty) denies every request rather than letting any through.</param>
    public TokenAuthorizer(string? token) => _token = string.IsNullOrEmpty(token) ? null : Encoding.UTF8.GetBytes(token);

    public Task<Stream> HandleAsync(Stream input, ILambdaContext context)
    {
        using var document = JsonDocument.Parse(input);
        var root = document.RootElement;
        var header = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("authorizationToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var methodArn = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("methodArn", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (methodArn is null) throw new ArgumentException("the event has no methodArn: this function is a TOKEN authorizer of API Gateway");
        var allowed = Authorize(header, context);
        return Task.FromResult<Stream>(new MemoryStream(Policy(allowed, methodArn)));
    }

    /// <summary>True for the configured token, false for another; throws <see cref="UnauthorizedException"/> for no bearer token at all.</summary>
    public bool Authorize(string? authorizationHeader, ILambdaContext context)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorizationHeader.Length == Scheme.Length)
            throw new UnauthorizedException();
        if (_token is null)
        {
            context.Logger.LogWarning($"{TokenVariable} is not set: every request is denied");
            return false;
        }
        // Compared in constant time: how long a wrong token took must not tell how much of it was right.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorizationHeader[Scheme.Length..]), _token);
    }

    /// <summary>
    /// The authorizer's output. An Allow names every method of the stage (<c>…/{stage}/*</c>), not only the one
    /// asked for: API Gateway caches the answer per token and evaluates it again for the next method, which a
    /// policy naming one method would deny. A Deny names the method asked for.
    /// </summary>
    public static byte[] Policy(bool allow, string methodArn) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("principalId", PrincipalId);
        w.WriteStartObject("policyDocument");
        w.WriteString("Version", "2012-10-17");
        w.WriteStartArray("Statement");
        w.WriteStartObject();
        w.WriteString("Action", "execute-api:Invoke");
        w.WriteString("Effect", allow ? "Allow" : "Deny");
        w.WriteString("Resource", allow ? StageWildcard(methodArn) : methodArn);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("context");
        w.WriteString("scheme", "bearer");
        w.WriteBoolean("authorized", allow);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{api}/{stage}/*</c> from a method ARN <c>…:{api}/{stage}/{VERB}/{path}</c>.</summary>
    public static string StageWildcard(string methodArn)
    {
        var parts = methodArn.Split('/');
        return parts.Length < 2 ? methodArn : $"{parts[0]}/{parts[1]}/*";
    }
}

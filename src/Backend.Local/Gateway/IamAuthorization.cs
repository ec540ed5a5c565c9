using Backend.Local.Http;

namespace Backend.Local.Gateway;

/// <summary>
/// An API whose DefaultAuthorizer is AWS_IAM: API Gateway answers an unsigned request 403 "Missing Authentication
/// Token" and a malformed SigV4 Authorization header 403 naming what it lacks, before validation or the function.
/// The signature itself cannot be verified here (there are no credentials to verify it against): a well-formed
/// SigV4 header, as the AWS CLI and SDKs write it, is let through.
/// </summary>
public static class IamAuthorization
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public static HttpReply? Check(GatewayRequest request)
    {
        var header = request.Header("Authorization");
        if (string.IsNullOrWhiteSpace(header)) return GatewayErrors.MissingAuthenticationToken();

        var problems = new List<string>();
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
            problems.Add($"Authorization header requires the {Algorithm} algorithm.");
        foreach (var part in new[] { "Credential", "Signature", "SignedHeaders" })
        {
            if (!header.Contains(part + "=", StringComparison.Ordinal)) problems.Add($"Authorization header requires '{part}' parameter.");
        }
        if (string.IsNullOrEmpty(request.Header("X-Amz-Date")) && string.IsNullOrEmpty(request.Header("Date")))
            problems.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        return problems.Count == 0
            ? null
            : GatewayErrors.Message(403, $"{string.Join(" ", problems)} Authorization={header}", "IncompleteSignatureException");
    }
}

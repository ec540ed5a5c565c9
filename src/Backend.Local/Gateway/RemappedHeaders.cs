namespace Backend.Local.Gateway;

/// <summary>
/// Headers of a function's proxy response that a REST API does not pass on as they are: it owns the connection, the
/// framing and its own Date and Server, so it renames the function's to <c>x-amzn-Remapped-&lt;name&gt;</c>. AWS lists
/// the headers that "may be remapped to x-amzn-Remapped-HEADER when … sent back by your integration endpoint"
/// ("Amazon API Gateway important notes", REST APIs); for a Lambda proxy integration these four are the ones it does
/// remap (LocalStack's AWS-validated REMAPPED_FROM_INTEGRATION_RESPONSE_COMMON; a captured REST answer carries
/// x-amzn-Remapped-Connection, -Date and -Server). HTTP APIs do not remap.
/// </summary>
public static class RemappedHeaders
{
    private static readonly string[] Names = ["Connection", "Content-Length", "Date", "Server"];

    /// <summary>The header as the client gets it: renamed when it is one API Gateway remaps, else unchanged.</summary>
    public static KeyValuePair<string, string> Remap(KeyValuePair<string, string> header) =>
        Names.FirstOrDefault(n => string.Equals(n, header.Key, StringComparison.OrdinalIgnoreCase)) is { } name
            ? new(ApiGatewayHeaders.RemappedPrefix + name, header.Value)
            : header;
}

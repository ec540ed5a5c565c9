namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// The endpoints of the Lambda Runtime API (2018-06-01), relative to <c>http://$AWS_LAMBDA_RUNTIME_API</c>:
/// one definition for the client that calls them, the emulator that serves them and the tests' fake.
/// </summary>
public static class RuntimeApiPaths
{
    /// <summary>Every endpoint lives under this segment, after the optional path prefix of AWS_LAMBDA_RUNTIME_API.</summary>
    public const string Root = "/2018-06-01/runtime/";

    /// <summary>GET, long-polled: the next invocation.</summary>
    public const string Next = "invocation/next";

    /// <summary>POST: the function could not initialize.</summary>
    public const string InitError = "init/error";

    /// <summary>Route templates of the per-invocation endpoints (ASP.NET Core route syntax).</summary>
    public const string ResponseTemplate = "invocation/{requestId}/response";
    public const string ErrorTemplate = "invocation/{requestId}/error";

    /// <summary>POST: the handler's answer to one invocation.</summary>
    public static string Response(string requestId) => $"invocation/{Uri.EscapeDataString(requestId)}/response";

    /// <summary>POST: the handler failed on one invocation.</summary>
    public static string Error(string requestId) => $"invocation/{Uri.EscapeDataString(requestId)}/error";
}

namespace Backend.Local.Gateway;

/// <summary>The CORS headers (Fetch standard) that API Gateway reads from browsers and writes back, in one place.</summary>
public static class CorsHeaders
{
    public const string Prefix = "Access-Control-";

    // What a browser sends.
    public const string Origin = "Origin";
    public const string RequestMethod = "Access-Control-Request-Method";

    // What the gateway answers.
    public const string AllowOrigin = "Access-Control-Allow-Origin";
    public const string AllowMethods = "Access-Control-Allow-Methods";
    public const string AllowHeaders = "Access-Control-Allow-Headers";
    public const string AllowCredentials = "Access-Control-Allow-Credentials";
    public const string ExposeHeaders = "Access-Control-Expose-Headers";
    public const string MaxAge = "Access-Control-Max-Age";
}

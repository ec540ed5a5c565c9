namespace Backend.Authorizer;

/// <summary>
/// Thrown for a request whose Authorization header is not a bearer token: the function error's message is exactly
/// "Unauthorized", which API Gateway answers 401 (any other error is its 500).
/// </summary>
public sealed class UnauthorizedException() : Exception(Unauthorized)
{
    public const string Unauthorized = "Unauthorized";
}

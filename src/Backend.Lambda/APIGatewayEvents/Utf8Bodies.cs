namespace Backend.Lambda.APIGatewayEvents;

/// <summary>
/// A base64 request body that must be UTF-8 text. API Gateway passes a body it cannot treat as text base64
/// encoded; System.Text.Json parses invalid UTF-8 inside strings and only fails later, when a string is read,
/// with an InvalidOperationException. Checking first turns that into the caller's 400.
/// </summary>
public static class Utf8Bodies
{
    /// <exception cref="FormatException">Not base64.</exception>
    /// <exception cref="InvalidUtf8Exception">Not UTF-8.</exception>
    public static byte[] Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? bytes : throw new InvalidUtf8Exception();
    }
}

/// <summary>A body that is not UTF-8 text.</summary>
public sealed class InvalidUtf8Exception() : Exception("the body is not valid UTF-8");

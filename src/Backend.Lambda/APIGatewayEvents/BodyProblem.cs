namespace Backend.Lambda.APIGatewayEvents;

/// <summary>Why a proxy request's body is not JSON the function can read.</summary>
public enum BodyProblem
{
    /// <summary>No body, or an empty one.</summary>
    Empty,
    /// <summary>Flagged base64 but not base64.</summary>
    NotBase64,
    /// <summary>Base64 of bytes that are not UTF-8 text.</summary>
    NotUtf8,
    /// <summary>Text that is not JSON.</summary>
    NotJson,
}

public static class BodyProblems
{
    /// <summary>What the caller is told (a 400's message); an empty body's message names what the function expects.</summary>
    public static string Describe(this BodyProblem problem, string whenEmpty) => problem switch
    {
        BodyProblem.Empty => whenEmpty,
        BodyProblem.NotUtf8 => "the body is not valid UTF-8",
        // A body flagged base64 that is not base64 never comes from API Gateway (it encodes bodies itself); to the
        // caller it is, like any other unreadable body, not JSON.
        _ => "the body is not valid JSON",
    };
}

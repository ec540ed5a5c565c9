using System.Text.Json.Serialization;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// The one error shape of the Runtime API: <c>{"errorMessage", "errorType", "stackTrace"}</c>. The stack trace
/// goes to the function's log only: the payload reaches callers (a direct invoke returns it), and frames would
/// show them our internals. <c>stackTrace</c> stays, empty, because the contract names it.
/// </summary>
public sealed record LambdaError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    public static LambdaError From(Exception exception)
    {
        var real = Unwrap(exception);
        return new LambdaError(real.Message, real.GetType().Name, []);
    }

    /// <summary>Type, message and frames, for the log.</summary>
    public static string Describe(Exception exception)
    {
        var real = Unwrap(exception);
        return $"{real.GetType().Name}: {real.Message}\n{real.StackTrace}";
    }

    /// <summary>A Task-based handler can surface its real failure wrapped once; report the real one.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
}

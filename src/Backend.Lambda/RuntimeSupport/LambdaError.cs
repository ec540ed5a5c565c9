using System.Text.Json.Serialization;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>The one error shape of the Runtime API: <c>{"errorMessage", "errorType", "stackTrace"}</c>.</summary>
public sealed record LambdaError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    public static LambdaError From(Exception exception)
    {
        // A Task-based handler can surface its real failure wrapped once; report the real one.
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];
        var frames = (exception.StackTrace ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LambdaError(exception.Message, exception.GetType().Name, frames);
    }
}

[JsonSerializable(typeof(LambdaError))]
[JsonSerializable(typeof(ClientContextDocument))]
[JsonSerializable(typeof(CognitoIdentityDocument))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;

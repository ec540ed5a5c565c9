using System.Text.Json.Serialization;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// Source-generated JSON for what the runtime itself reads and writes: the error it posts to the Runtime API,
/// and the client-context and Cognito-identity headers of an invocation.
/// </summary>
[JsonSerializable(typeof(LambdaError))]
[JsonSerializable(typeof(ClientContextDocument))]
[JsonSerializable(typeof(CognitoIdentityDocument))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;

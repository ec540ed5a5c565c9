using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Backend.Lambda.Core;

namespace Backend.Lambda.Serialization;

/// <summary>
/// An <see cref="ILambdaSerializer"/> backed by a source-generated <see cref="JsonSerializerContext"/>,
/// so no type is ever serialized through reflection (Native AOT and trimming stay safe).
/// </summary>
public sealed class SourceGeneratorLambdaJsonSerializer<TContext> : ILambdaSerializer
    where TContext : JsonSerializerContext
{
    private readonly TContext _context;

    public SourceGeneratorLambdaJsonSerializer(TContext context) => _context = context;

    /// <exception cref="JsonSerializerException">The event is not JSON, or a value has the wrong type.</exception>
    public T Deserialize<T>(Stream requestStream)
    {
        try
        {
            return JsonSerializer.Deserialize(requestStream, TypeInfo<T>())!;
        }
        catch (JsonException e)
        {
            // System.Text.Json's message names .NET types ("could not be converted to System.String"); the caller of
            // a direct invoke sees this message, so it says where the event is wrong, in JSON terms only.
            throw new JsonSerializerException(e.Path is { Length: > 1 } path
                ? $"Error converting the Lambda event JSON payload: the value at {path} is not of the expected type"
                : "Error converting the Lambda event JSON payload: it is not a JSON object of the expected shape", e);
        }
    }

    public void Serialize<T>(T response, Stream responseStream) =>
        JsonSerializer.Serialize(responseStream, response, TypeInfo<T>());

    private JsonTypeInfo<T> TypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException(
            $"{typeof(T).Name} is not registered on {typeof(TContext).Name}: add [JsonSerializable(typeof({typeof(T).Name}))].");
}

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

    public T Deserialize<T>(Stream requestStream) =>
        JsonSerializer.Deserialize(requestStream, TypeInfo<T>())!;

    public void Serialize<T>(T response, Stream responseStream) =>
        JsonSerializer.Serialize(responseStream, response, TypeInfo<T>());

    private JsonTypeInfo<T> TypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException(
            $"{typeof(T).Name} is not registered on {typeof(TContext).Name}: add [JsonSerializable(typeof({typeof(T).Name}))].");
}

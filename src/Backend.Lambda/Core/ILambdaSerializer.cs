namespace Backend.Lambda.Core;

/// <summary>Turns the invocation payload into the handler's input type and its result back into bytes.</summary>
public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);
    void Serialize<T>(T response, Stream responseStream);
}

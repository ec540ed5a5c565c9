using Backend.Lambda.Core;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// Wires a handler to the runtime loop, in the shape of Amazon.Lambda.RuntimeSupport:
/// <c>LambdaBootstrapBuilder.Create(handler, serializer).Build().RunAsync()</c>.
/// </summary>
public sealed class LambdaBootstrapBuilder
{
    private readonly LambdaBootstrapHandler _handler;
    private Func<Task<bool>>? _init;

    private LambdaBootstrapBuilder(LambdaBootstrapHandler handler) => _handler = handler;

    /// <summary>A handler that reads and writes the raw payload.</summary>
    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task<Stream>> handler) =>
        new((input, context) => handler(input, context));

    /// <summary>A typed handler; the serializer (source-generated JSON) converts in and out.</summary>
    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(CreateHandler(handler, serializer));

    /// <summary>Adapts a typed handler to the raw one the loop runs.</summary>
    public static LambdaBootstrapHandler CreateHandler<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        async (input, context) =>
        {
            var result = await handler(serializer.Deserialize<TInput>(input), context).ConfigureAwait(false);
            var output = new MemoryStream();
            serializer.Serialize(result, output);
            output.Position = 0;
            return output;
        };

    /// <summary>Runs once before the first invocation; an exception or false is reported to /init/error.</summary>
    public LambdaBootstrapBuilder UseBootstrapHandler(Func<Task<bool>> init)
    {
        _init = init;
        return this;
    }

    public LambdaBootstrap Build() => new(_handler, _init);
}

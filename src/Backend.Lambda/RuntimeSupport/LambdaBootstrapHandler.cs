using Backend.Lambda.Core;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>A handler over the raw payload: bytes in, bytes out. What the runtime loop runs for each invocation.</summary>
public delegate Task<Stream> LambdaBootstrapHandler(Stream input, ILambdaContext context);

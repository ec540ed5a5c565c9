using Backend.Lambda.Core;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>The context of one invocation, built from /next's headers and the process environment.</summary>
internal sealed class LambdaContext : ILambdaContext
{
    private readonly long? _deadlineMs;
    private readonly TimeProvider _clock;

    public LambdaContext(InvocationRequest invocation, LambdaEnvironment environment, ILambdaLogger logger, TimeProvider clock)
    {
        _deadlineMs = invocation.DeadlineMs;
        _clock = clock;
        AwsRequestId = invocation.RequestId;
        InvokedFunctionArn = invocation.InvokedFunctionArn ?? "";
        TraceId = invocation.TraceId;
        ClientContext = ClientContextDocument.Parse(invocation.ClientContextJson);
        Identity = CognitoIdentityDocument.Parse(invocation.CognitoIdentityJson);
        FunctionName = environment.FunctionName;
        FunctionVersion = environment.FunctionVersion;
        MemoryLimitInMB = environment.MemoryLimitInMB;
        LogGroupName = environment.LogGroupName;
        LogStreamName = environment.LogStreamName;
        Logger = logger;
    }

    public string AwsRequestId { get; }
    public IClientContext? ClientContext { get; }
    public string FunctionName { get; }
    public string FunctionVersion { get; }
    public ICognitoIdentity? Identity { get; }
    public string InvokedFunctionArn { get; }
    public ILambdaLogger Logger { get; }
    public string LogGroupName { get; }
    public string LogStreamName { get; }
    public int MemoryLimitInMB { get; }
    public string? TraceId { get; }

    /// <summary>Lambda's longest timeout: what is left when /next sent no deadline at all.</summary>
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Time left before the deadline, never negative.</summary>
    public TimeSpan RemainingTime => _deadlineMs is { } deadline
        ? TimeSpan.FromMilliseconds(Math.Max(0, deadline - _clock.GetUtcNow().ToUnixTimeMilliseconds()))
        : LongestTimeout;
}

namespace Backend.Lambda.Core;

/// <summary>What a handler knows about the invocation it serves (Amazon.Lambda.Core.ILambdaContext).</summary>
public interface ILambdaContext
{
    string AwsRequestId { get; }
    IClientContext? ClientContext { get; }
    string FunctionName { get; }
    string FunctionVersion { get; }
    ICognitoIdentity? Identity { get; }
    string InvokedFunctionArn { get; }
    ILambdaLogger Logger { get; }
    string LogGroupName { get; }
    string LogStreamName { get; }
    int MemoryLimitInMB { get; }
    TimeSpan RemainingTime { get; }
    string? TraceId { get; }
}

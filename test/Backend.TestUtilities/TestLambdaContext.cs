using Backend.Lambda.Core;

namespace Backend.Lambda.TestUtilities;

/// <summary>A context with settable members for calling handlers directly (Amazon.Lambda.TestUtilities.TestLambdaContext).</summary>
public sealed class TestLambdaContext : ILambdaContext
{
    public string AwsRequestId { get; set; } = Guid.NewGuid().ToString();
    public IClientContext? ClientContext { get; set; }
    public string FunctionName { get; set; } = "TestFunction";
    public string FunctionVersion { get; set; } = "$LATEST";
    public ICognitoIdentity? Identity { get; set; }
    public string InvokedFunctionArn { get; set; } = "arn:aws:lambda:us-east-1:123456789012:function:TestFunction";
    public ILambdaLogger Logger { get; set; } = new TestLambdaLogger();
    public string LogGroupName { get; set; } = "/aws/lambda/TestFunction";
    public string LogStreamName { get; set; } = "2026/01/01/[$LATEST]test";
    public int MemoryLimitInMB { get; set; } = 256;
    public TimeSpan RemainingTime { get; set; } = TimeSpan.FromSeconds(30);
    public string? TraceId { get; set; }
}

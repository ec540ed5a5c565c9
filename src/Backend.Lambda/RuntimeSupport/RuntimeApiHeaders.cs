namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// The header names of the Lambda Runtime API (2018-06-01), in one place: the runtime client that reads them,
/// the emulator that sends them and the tests' fake Runtime API all use these.
/// </summary>
public static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string ClientContext = "Lambda-Runtime-Client-Context";
    public const string CognitoIdentity = "Lambda-Runtime-Cognito-Identity";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";

    /// <summary>The environment variable through which the X-Ray SDKs read the current trace header.</summary>
    public const string TraceIdEnvironmentVariable = "_X_AMZN_TRACE_ID";
}

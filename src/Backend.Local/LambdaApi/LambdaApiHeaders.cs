namespace Backend.Local.LambdaApi;

/// <summary>The Lambda API's header names (botocore's model: Invoke's input and output members located in headers).</summary>
public static class LambdaApiHeaders
{
    public const string InvocationType = "X-Amz-Invocation-Type";
    public const string LogType = "X-Amz-Log-Type";
    public const string ClientContext = "X-Amz-Client-Context";
    public const string ExecutedVersion = "X-Amz-Executed-Version";
    public const string FunctionError = "X-Amz-Function-Error";
    public const string LogResult = "X-Amz-Log-Result";
    public const string RequestId = "x-amzn-RequestId";
    public const string ErrorType = "x-amzn-ErrorType";
}

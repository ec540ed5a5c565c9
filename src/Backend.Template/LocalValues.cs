namespace Backend.Template;

/// <summary>The values pseudo parameters and ARNs take locally (no AWS account is involved).</summary>
public sealed record LocalValues(string Region = "us-east-1", string AccountId = "123456789012", string StackName = "backend")
{
    public string FunctionArn(string functionName) => $"arn:aws:lambda:{Region}:{AccountId}:function:{functionName}";

    public string TableArn(string tableName) => $"arn:aws:dynamodb:{Region}:{AccountId}:table/{tableName}";
}

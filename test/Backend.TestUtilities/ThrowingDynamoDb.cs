using System.Reflection;
using Amazon.DynamoDBv2;

namespace Backend.Lambda.TestUtilities;

/// <summary>A DynamoDB client whose every call throws one exception: for failures DynamoDB Local cannot produce.</summary>
public class ThrowingDynamoDb : DispatchProxy
{
    private Exception _exception = new InvalidOperationException("not set");

    public static IAmazonDynamoDB Throwing(Exception exception)
    {
        var client = Create<IAmazonDynamoDB, ThrowingDynamoDb>();
        ((ThrowingDynamoDb)(object)client)._exception = exception;
        return client;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw _exception;
}

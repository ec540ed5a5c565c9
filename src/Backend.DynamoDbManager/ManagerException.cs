namespace Backend.DynamoDbManager;

/// <summary>
/// A request the manager refuses or cannot serve. Through API Gateway it becomes
/// <c>{StatusCode} {"message": Message}</c>; on a direct invocation it is the function error, and
/// its class name is the errorType.
/// </summary>
public abstract class ManagerException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>400: the request is malformed, or DynamoDB refused its parameters.</summary>
public sealed class BadRequestException(string message) : ManagerException(400, message);

/// <summary>403: the request names a table this function does not serve.</summary>
public sealed class ForbiddenException(string message) : ManagerException(403, message);

/// <summary>409: a ConditionExpression was false.</summary>
public sealed class ConflictException(string message) : ManagerException(409, message);

/// <summary>500: the served table does not exist.</summary>
public sealed class TableMissingException(string message) : ManagerException(500, message);

/// <summary>502: DynamoDB answered with an error that is not the caller's fault.</summary>
public sealed class DynamoDbFailureException(string message) : ManagerException(502, message);

/// <summary>503: DynamoDB is unreachable or throttling, after the SDK's retries.</summary>
public sealed class ServiceUnavailableException(string message) : ManagerException(503, message);

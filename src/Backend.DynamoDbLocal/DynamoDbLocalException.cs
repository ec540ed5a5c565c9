namespace Backend.DynamoDbLocal;

/// <summary>DynamoDB Local could not be installed or started; the message says what to do.</summary>
public sealed class DynamoDbLocalException(string message) : Exception(message);

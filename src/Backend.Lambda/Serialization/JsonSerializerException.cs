namespace Backend.Lambda.Serialization;

/// <summary>An event that cannot be read as the handler's input type (Amazon.Lambda.Serialization.SystemTextJson's name).</summary>
public sealed class JsonSerializerException(string message, Exception innerException) : Exception(message, innerException);

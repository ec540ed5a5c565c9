namespace Backend.Books;

/// <summary>
/// A request the book API refuses or cannot serve: through API Gateway it becomes <c>{StatusCode} {"message": Message}</c>
/// with <see cref="Headers"/> added (Allow on a 405).
/// </summary>
public sealed class BooksException(int statusCode, string message, IReadOnlyDictionary<string, string>? headers = null) : Exception(message)
{
    public const string Unavailable = "the book store is unavailable, try again";

    public int StatusCode { get; } = statusCode;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    public static BooksException BadRequest(string message) => new(400, message);

    public static BooksException NotFound(string id) => new(404, $"book '{id}' not found");

    public static BooksException MethodNotAllowed(string? method, string allow) =>
        new(405, $"{method} is not allowed on this resource (allowed: {allow})", new Dictionary<string, string> { ["Allow"] = allow });

    public static BooksException PreconditionFailed(string message) => new(412, message);

    public static BooksException ServiceUnavailable() => new(503, Unavailable);
}

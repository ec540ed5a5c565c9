using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Serialization;

namespace Backend.Books;

/// <summary>
/// Every answer of the book API: JSON with Content-Type application/json (none on 204 and 304, which have no
/// body), and Access-Control-Allow-Origin, so that a browser on the allowed origin can read errors too. ETag and
/// Location are exposed to such scripts, which need them for If-Match and to follow a POST.
/// </summary>
internal sealed class BookResponses(string allowedOrigin)
{
    public APIGatewayProxyResponse Json(int statusCode, string body, Dictionary<string, string>? headers = null) =>
        JsonResponses.Rest(statusCode, body, WithCors(headers));

    public APIGatewayProxyResponse Message(int statusCode, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        Json(statusCode, JsonResponses.MessageBody(message), headers?.ToDictionary());

    /// <summary>The book as JSON, with its ETag.</summary>
    public APIGatewayProxyResponse Book(int statusCode, Book book, Dictionary<string, string>? headers = null)
    {
        headers ??= [];
        headers["ETag"] = EntityTags.Of(book.Version);
        return Json(statusCode, JsonBytes.WriteString(book.WriteJson), headers);
    }

    public APIGatewayProxyResponse NoBody(int statusCode, Dictionary<string, string>? headers = null) =>
        new() { StatusCode = statusCode, Headers = WithCors(headers) };

    private Dictionary<string, string> WithCors(Dictionary<string, string>? headers)
    {
        headers ??= [];
        headers["Access-Control-Allow-Origin"] = allowedOrigin;
        headers["Access-Control-Expose-Headers"] = "ETag, Location";
        return headers;
    }
}

using System.Text;
using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using A = Backend.Books.Book.Attributes;

namespace Backend.Books;

/// <summary>
/// What a client may send for a book (POST and PUT bodies). Read strictly: an unknown field, a wrong type or a
/// value out of range is a 400 naming the field. <c>null</c> is the same as leaving a field out. <c>createdAt</c>
/// and <c>updatedAt</c> are accepted and ignored (the server sets them), so a book read with GET can be sent back
/// with PUT as it is; <c>id</c> is checked by the caller (refused on POST, must equal the path's on PUT).
/// </summary>
public sealed record BookInput(string? Id, string Title, string Author, string? Isbn, int? Year, decimal? Price)
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxTextLength = 500;
    public const int MinYear = -5000, MaxYear = 9999;

    private const string Fields = "title, author, isbn, year, price (id, createdAt and updatedAt are the server's)";

    public static BookInput Read(APIGatewayProxyRequest request)
    {
        if (BodyBytes(request) > MaxBodyBytes) throw BooksException.BadRequest($"the body is over 16 KB ({MaxBodyBytes} bytes)");
        using var body = JsonBody.Read(request);
        if (body.Problem is { } problem)
            throw BooksException.BadRequest(problem.Describe(whenEmpty: "the body must be a JSON object with title and author"));
        return Read(body.Root);
    }

    public static BookInput Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw BooksException.BadRequest($"the body must be a JSON object with title and author, not {Describe(root.ValueKind)}");
        string? id = null, title = null, author = null, isbn = null;
        int? year = null;
        decimal? price = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in root.EnumerateObject())
        {
            if (!seen.Add(field.Name)) throw BooksException.BadRequest($"{field.Name} appears more than once");
            var value = field.Value;
            if (value.ValueKind == JsonValueKind.Null) continue;
            switch (field.Name)
            {
                case A.Id: id = value.ValueKind == JsonValueKind.String ? value.GetString() : throw BooksException.BadRequest("id must be a string"); break;
                case A.Title: title = Text(A.Title, value); break;
                case A.Author: author = Text(A.Author, value); break;
                case A.Isbn: isbn = value.ValueKind == JsonValueKind.String && Books.Isbn.TryNormalize(value.GetString(), out var bare) ? bare : throw BooksException.BadRequest(Books.Isbn.Rule); break;
                case A.Year: year = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var y) && y is >= MinYear and <= MaxYear ? y : throw BooksException.BadRequest($"year must be an integer from {MinYear} to {MaxYear}"); break;
                case A.Price: price = value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var p) && p >= 0 ? WithoutTrailingZeros(p) : throw BooksException.BadRequest("price must be a number, 0 or more (at most 28 significant digits)"); break;
                case A.CreatedAt or A.UpdatedAt: break;
                default: throw BooksException.BadRequest($"unknown field '{field.Name}'; a book has {Fields}");
            }
        }
        return new BookInput(id,
            title ?? throw BooksException.BadRequest($"title is required: a string of 1 to {MaxTextLength} characters"),
            author ?? throw BooksException.BadRequest($"author is required: a string of 1 to {MaxTextLength} characters"),
            isbn, year, price);
    }

    /// <summary>1 to 500 UTF-16 characters, not only white space.</summary>
    private static string Text(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= MaxTextLength } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw BooksException.BadRequest($"{name} must be a string of 1 to {MaxTextLength} characters, not only spaces");

    /// <summary>
    /// 9.90 and 9.9 are one JSON number, and DynamoDB stores numbers without trailing zeros: the price is kept as
    /// that value from the start, so the book a write returns is the book a later read returns.
    /// </summary>
    private static decimal WithoutTrailingZeros(decimal price)
    {
        var text = price.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal)
            ? decimal.Parse(text.TrimEnd('0').TrimEnd('.'), System.Globalization.CultureInfo.InvariantCulture)
            : price;
    }

    /// <summary>The body's size as sent: API Gateway's base64 of binary bodies is not what the client sent.</summary>
    private static long BodyBytes(APIGatewayProxyRequest request) => request.Body switch
    {
        null => 0,
        var b when request.IsBase64Encoded => b.Length / 4L * 3,
        var b => Encoding.UTF8.GetByteCount(b),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}

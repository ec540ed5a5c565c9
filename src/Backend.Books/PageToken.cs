using System.Buffers.Text;
using System.Text.Json;
using Backend.Lambda.Serialization;

namespace Backend.Books;

/// <summary>
/// The <c>next</c> token of GET /books: base64url (no padding) of <c>{"id":"&lt;ulid&gt;"}</c>, the last book a page
/// returned. It is opaque to clients and read strictly: anything else (not base64url, not that exact object, an id
/// that is not a ULID) is refused, so a token can only ever start a scan of the served table after a book id.
/// </summary>
public static class PageToken
{
    public const string Refused = "next is not a token this API gave";

    /// <summary>A token is ~50 characters; far longer text is not one of ours, and is not decoded.</summary>
    private const int MaxLength = 256;

    public static string Encode(Ulid lastId) => Base64Url.EncodeToString(JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", lastId.Value);
        w.WriteEndObject();
    }));

    public static Ulid Decode(string token)
    {
        if (token.Length is 0 or > MaxLength) throw BooksException.BadRequest(Refused);
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(token));
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.EnumerateObject().Count() == 1
                && root.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && Ulid.TryParse(id.GetString(), out var ulid)
                && ulid.Value == id.GetString())
                return ulid;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            // Not base64url, not JSON, or a string .NET cannot read: all the same to the caller.
        }
        throw BooksException.BadRequest(Refused);
    }
}

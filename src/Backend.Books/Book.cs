using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Backend.Books;

/// <summary>
/// A book as stored: one DynamoDB item keyed by <c>id</c>. <see cref="Version"/> counts the writes and is the ETag;
/// it is not part of the JSON book. Optional fields that are not set are absent, in the item and in the JSON.
/// </summary>
public sealed record Book(string Id, string Title, string Author, string? Isbn, int? Year, decimal? Price, string CreatedAt, string UpdatedAt, long Version)
{
    /// <summary>DynamoDB attribute names, written once: the item, the expressions and the JSON use the same ones.</summary>
    internal static class Attributes
    {
        public const string Id = "id", Title = "title", Author = "author", Isbn = "isbn", Year = "year", Price = "price",
            CreatedAt = "createdAt", UpdatedAt = "updatedAt", Version = "version";
    }

    /// <summary>ISO 8601 in UTC with milliseconds, e.g. 2026-01-02T03:04:05.678Z.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Attributes.Id, Id);
        w.WriteString(Attributes.Title, Title);
        w.WriteString(Attributes.Author, Author);
        if (Isbn is not null) w.WriteString(Attributes.Isbn, Isbn);
        if (Year is { } year) w.WriteNumber(Attributes.Year, year);
        if (Price is { } price) w.WriteNumber(Attributes.Price, price);
        w.WriteString(Attributes.CreatedAt, CreatedAt);
        w.WriteString(Attributes.UpdatedAt, UpdatedAt);
        w.WriteEndObject();
    }

    public static Book FromItem(Dictionary<string, AttributeValue> item) => new(
        Id: item[Attributes.Id].S,
        Title: String(item, Attributes.Title) ?? "",
        Author: String(item, Attributes.Author) ?? "",
        Isbn: String(item, Attributes.Isbn),
        Year: Number(item, Attributes.Year) is { } year ? int.Parse(year, NumberStyles.Integer, CultureInfo.InvariantCulture) : null,
        Price: Number(item, Attributes.Price) is { } price ? decimal.Parse(price, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
        CreatedAt: String(item, Attributes.CreatedAt) ?? "",
        UpdatedAt: String(item, Attributes.UpdatedAt) ?? "",
        Version: Number(item, Attributes.Version) is { } version ? long.Parse(version, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0);

    private static string? String(Dictionary<string, AttributeValue> item, string name) => item.TryGetValue(name, out var v) ? v.S : null;

    private static string? Number(Dictionary<string, AttributeValue> item, string name) => item.TryGetValue(name, out var v) ? v.N : null;
}

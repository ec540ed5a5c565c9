namespace Backend.Books;

/// <summary>
/// A book's ETag is its version, quoted: <c>"3"</c>, a strong tag (RFC 9110 §8.8.3). If-Match compares strongly
/// (a weak tag W/"3" never matches); If-None-Match compares weakly. Both take <c>*</c> or a comma-separated list.
/// </summary>
public static class EntityTags
{
    /// <summary>More tags than this in one If-Match is not a client we serve (DynamoDB's IN takes at most 100).</summary>
    public const int MaxIfMatchTags = 20;

    public static string Of(long version) => $"\"{version}\"";

    /// <summary>If-Match read: null when absent; <c>Any</c> for <c>*</c>; else the versions it names (possibly none that can match).</summary>
    public static IfMatch? ReadIfMatch(string? header)
    {
        if (header is null) return null;
        var tags = Split(header);
        if (tags.Contains("*")) return new IfMatch(Any: true, []);
        if (tags.Length > MaxIfMatchTags) throw BooksException.BadRequest($"If-Match lists more than {MaxIfMatchTags} entity tags");
        return new IfMatch(Any: false, [.. tags.Select(VersionIn).OfType<long>().Distinct()]);
    }

    /// <summary>True when If-None-Match names the current version (or is <c>*</c>): the client's copy is current.</summary>
    public static bool NoneMatchHolds(string? header, long version) =>
        header is not null && Split(header).Any(tag => tag == "*" || VersionIn(tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == version);

    private static string[] Split(string header) =>
        header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The version in a strong tag of ours ("12"); null for anything else.</summary>
    private static long? VersionIn(string tag) =>
        tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && tag[1..^1].All(char.IsAsciiDigit)
        && long.TryParse(tag.AsSpan(1, tag.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
}

/// <summary>What If-Match asks: any current book (<c>*</c>), or one whose version is among <see cref="Versions"/>.</summary>
public sealed record IfMatch(bool Any, IReadOnlyList<long> Versions);

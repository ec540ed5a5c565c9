using System.Globalization;
using Backend.Lambda.APIGatewayEvents;

namespace Backend.RandomNumber;

/// <summary>The optional ?min=&amp;max=&amp;count= of GET /index, validated.</summary>
public sealed record RandomQuery(long Min, long Max, int? Count)
{
    public const long DefaultMin = 1;
    public const long DefaultMax = 100;
    public const int MaxCount = 1000;

    /// <summary>The query, or a message naming the parameter that is wrong.</summary>
    public static (RandomQuery? Query, string? Error) Parse(IDictionary<string, string>? query)
    {
        if (!TryReadInt64(query, "min", DefaultMin, out var min))
            return (null, "min must be an integer from -9223372036854775808 to 9223372036854775807");
        if (!TryReadInt64(query, "max", DefaultMax, out var max))
            return (null, "max must be an integer from -9223372036854775808 to 9223372036854775807");
        if (min > max)
            return (null, $"min ({min}) must not be greater than max ({max})");

        int? count = null;
        if (query.Find("count") is { } countText)
        {
            if (!int.TryParse(countText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxCount)
                return (null, $"count must be an integer from 1 to {MaxCount}");
            count = n;
        }
        return (new RandomQuery(min, max, count), null);
    }

    private static bool TryReadInt64(IDictionary<string, string>? query, string name, long fallback, out long value)
    {
        value = fallback;
        // Repeated parameters arrive joined with ',' in payload 2.0, which then is not an integer.
        return query.Find(name) is not { } text
            || long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}

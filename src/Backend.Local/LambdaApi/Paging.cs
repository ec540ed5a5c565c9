using Backend.Local.ControlPlane;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>MaxItems / Marker paging of the list operations.</summary>
internal static class Paging
{
    /// <summary>
    /// Paging by key, for lists that change between pages (a clean-up loop deletes what each page shows): the
    /// marker is the key of the last item given, and the next page starts after it whether or not it still exists.
    /// </summary>
    /// <param name="items">in ordinal order of <paramref name="key"/>.</param>
    /// <param name="isKey">whether a marker has the form of a key.</param>
    public static (IReadOnlyList<T> Page, string? NextMarker) TakeAfter<T>(HttpContext http, IReadOnlyList<T> items, Func<T, string> key, Func<string, bool> isKey)
    {
        var max = MaxItems(http);
        var start = 0;
        if (http.Request.Query["Marker"].FirstOrDefault() is { Length: > 0 } marker)
        {
            if (!isKey(marker)) throw new LambdaApiException(LambdaApiErrors.InvalidParameter($"Invalid marker: {marker}"));
            while (start < items.Count && string.CompareOrdinal(key(items[start]), marker) <= 0) start++;
        }
        var page = items.Skip(start).Take(max).ToList();
        return (page, start + page.Count < items.Count ? key(page[^1]) : null);
    }

    private static int MaxItems(HttpContext http)
    {
        var maxText = http.Request.Query["MaxItems"].FirstOrDefault();
        var max = ControlPlaneLimits.DefaultPage;
        if (maxText is not null && (!int.TryParse(maxText, out max) || max is < 1 or > 10000))
        {
            throw new LambdaApiException(LambdaApiErrors.Validation(
                $"Value '{maxText}' at 'maxItems' failed to satisfy constraint: Member must have value {(max < 1 ? "greater than or equal to 1" : "less than or equal to 10000")}"));
        }
        return max;
    }
}

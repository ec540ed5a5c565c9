using Backend.Local.ControlPlane;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>MaxItems / Marker paging of the list operations: the marker is the position of the next item.</summary>
internal static class Paging
{
    public static (IReadOnlyList<T> Page, string? NextMarker) Take<T>(HttpContext http, IReadOnlyList<T> items)
    {
        var maxText = http.Request.Query["MaxItems"].FirstOrDefault();
        var max = ControlPlaneLimits.DefaultPage;
        if (maxText is not null && (!int.TryParse(maxText, out max) || max is < 1 or > 10000))
        {
            throw new LambdaApiException(LambdaApiErrors.Validation(
                $"Value '{maxText}' at 'maxItems' failed to satisfy constraint: Member must have value {(max < 1 ? "greater than or equal to 1" : "less than or equal to 10000")}"));
        }
        var start = 0;
        if (http.Request.Query["Marker"].FirstOrDefault() is { Length: > 0 } marker && (!int.TryParse(marker, out start) || start < 0 || start > items.Count))
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter($"Invalid marker: {marker}"));
        var page = items.Skip(start).Take(max).ToList();
        return (page, start + page.Count < items.Count ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}

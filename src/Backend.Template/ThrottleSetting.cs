namespace Backend.Template;

/// <summary>
/// One throttling setting of an API's stage, as the template gives it: a REST API's MethodSettings item or an HTTP
/// API's DefaultRouteSettings / RouteSettings entry. <see cref="Any"/> in ResourcePath or HttpMethod means every one.
/// A limit left out is null: it comes from a less specific setting, or there is none (AWS's account-level limit).
/// </summary>
/// <param name="ResourcePath">The resource path, decoded ("/calc/{a}"), as a route's Path names it; or <see cref="Any"/>.</param>
/// <param name="HttpMethod">The method as a route's Method names it (GET, ANY); or <see cref="Any"/>.</param>
/// <param name="RateLimit">Steady-state requests per second: the token bucket's refill rate.</param>
/// <param name="BurstLimit">The token bucket's capacity: requests accepted at once.</param>
public sealed record ThrottleSetting(string ResourcePath, string HttpMethod, double? RateLimit, int? BurstLimit)
{
    public const string Any = "*";

    /// <summary>Whether this setting covers a method of a resource (a route's Path and Method).</summary>
    public bool Covers(string resourcePath, string httpMethod) =>
        (ResourcePath == Any || ResourcePath == resourcePath) && (HttpMethod == Any || HttpMethod == httpMethod);

    /// <summary>How specific it is: a named path and a named method (2) win over one of them (1) over neither (0).</summary>
    public int Specificity => (ResourcePath == Any ? 0 : 1) + (HttpMethod == Any ? 0 : 1);
}

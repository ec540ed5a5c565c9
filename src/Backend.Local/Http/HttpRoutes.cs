using Microsoft.AspNetCore.Http;

namespace Backend.Local.Http;

/// <summary>Serves one declared endpoint; <paramref name="path"/> holds the values of its template's {parameters}.</summary>
public delegate Task EndpointHandler(HttpContext http, PathValues path);

/// <summary>
/// One listener's endpoints, declared in one place: method and path template to handler, and one answer for
/// anything else. The first declared match wins. See <see cref="PathTemplate"/> for how paths match.
/// </summary>
public sealed class HttpRoutes(EndpointHandler fallback)
{
    private readonly List<(string Method, PathTemplate Template, EndpointHandler Handler)> _endpoints = [];

    public HttpRoutes Get(string template, EndpointHandler handler) => Map(HttpMethods.Get, template, handler);

    public HttpRoutes Post(string template, EndpointHandler handler) => Map(HttpMethods.Post, template, handler);

    public HttpRoutes Put(string template, EndpointHandler handler) => Map(HttpMethods.Put, template, handler);

    public HttpRoutes Delete(string template, EndpointHandler handler) => Map(HttpMethods.Delete, template, handler);

    public HttpRoutes Map(string method, string template, EndpointHandler handler)
    {
        _endpoints.Add((method, PathTemplate.Parse(template), handler));
        return this;
    }

    /// <summary>The listener's request delegate: the matching endpoint's handler, or the fallback.</summary>
    public Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "/";
        foreach (var (endpointMethod, template, handler) in _endpoints)
        {
            // Methods are case-sensitive (RFC 9110); Kestrel hands the known ones over as these same strings.
            if (string.Equals(endpointMethod, method, StringComparison.Ordinal) && template.TryMatch(path, out var values)) return handler(http, values);
        }
        return fallback(http, default);
    }
}

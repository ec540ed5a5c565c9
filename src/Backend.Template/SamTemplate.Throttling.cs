using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Backend.Template;

public sealed partial class SamTemplate
{
    /// <summary>
    /// A stage's throttling settings: a REST API's MethodSettings (AWS::ApiGateway::Stage MethodSetting: ResourcePath
    /// with each '/' of the path encoded as ~1, "/~1resource~1subresource", "/*" with HttpMethod "*" for every method),
    /// an HTTP API's DefaultRouteSettings (every route) and RouteSettings (keyed by route key, "GET /index"). Items
    /// that set no limit (metrics or logging only) are left out.
    /// </summary>
    private List<ThrottleSetting> Throttling(YamlMappingNode? properties, ApiKind kind, string where)
    {
        var settings = new List<ThrottleSetting>();
        if (kind == ApiKind.Rest)
        {
            var index = 0;
            foreach (var item in properties.Child("MethodSettings").Items())
            {
                var at = $"{where}.MethodSettings[{index++}]";
                var (rate, burst) = Limits(item, at);
                if (rate is null && burst is null) continue;
                var path = item.Child("ResourcePath") is { } p ? _intrinsics.Resolve(p, $"{at}.ResourcePath") : null;
                var method = item.Child("HttpMethod") is { } m ? _intrinsics.Resolve(m, $"{at}.HttpMethod").ToUpperInvariant() : null;
                if (path is null || method is null)
                    throw new TemplateException($"{at}: a throttling setting needs ResourcePath and HttpMethod ('/*' and '*' for every method)");
                settings.Add(new ThrottleSetting(ResourcePath(path, $"{at}.ResourcePath"), method, rate, burst));
            }
        }
        else
        {
            if (properties?.Child("DefaultRouteSettings") is { } defaults && Limits(defaults, $"{where}.DefaultRouteSettings") is var (defaultRate, defaultBurst)
                && (defaultRate is not null || defaultBurst is not null))
                settings.Add(new ThrottleSetting(ThrottleSetting.Any, ThrottleSetting.Any, defaultRate, defaultBurst));
            foreach (var (routeKey, node) in properties.Mapping("RouteSettings").Entries())
            {
                var (rate, burst) = Limits(node, $"{where}.RouteSettings.{routeKey}");
                if (rate is null && burst is null) continue;
                // A route key is "METHOD /path" (or $default, a route of its own).
                var space = routeKey.IndexOf(' ', StringComparison.Ordinal);
                settings.Add(space < 0
                    ? new ThrottleSetting(routeKey, ThrottleSetting.Any, rate, burst)
                    : new ThrottleSetting(routeKey[(space + 1)..], routeKey[..space].ToUpperInvariant(), rate, burst));
            }
        }
        return settings;
    }

    /// <summary>
    /// SAM's HttpApi event has RouteSettings of its own for its route; throttling there is not served (the HttpApi's
    /// RouteSettings, by route key, is), and a limit silently not enforced would mislead.
    /// </summary>
    private void RefuseRouteThrottling(YamlMappingNode eventProperties, string where)
    {
        if (eventProperties.Child("RouteSettings") is { } settings && Limits(settings, $"{where}.RouteSettings") != (null, null))
            throw new TemplateException($"{where}.RouteSettings: throttling on the event is not supported by the local emulator; set it in the HttpApi's RouteSettings under the route key");
    }

    /// <summary>ThrottlingRateLimit (a double) and ThrottlingBurstLimit (an integer), each null when left out.</summary>
    private (double? Rate, int? Burst) Limits(YamlNode node, string where)
    {
        double? rate = null;
        int? burst = null;
        if (node.Child("ThrottlingRateLimit") is { } r)
        {
            var text = _intrinsics.Resolve(r, $"{where}.ThrottlingRateLimit");
            rate = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
                ? value
                : throw new TemplateException($"{where}.ThrottlingRateLimit: '{text}' is not a number of requests per second (0 or more)");
        }
        if (node.Child("ThrottlingBurstLimit") is { } b)
        {
            var text = _intrinsics.Resolve(b, $"{where}.ThrottlingBurstLimit");
            burst = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new TemplateException($"{where}.ThrottlingBurstLimit: '{text}' is not a whole number of requests (0 or more)");
        }
        return (rate, burst);
    }

    /// <summary>
    /// A MethodSetting's ResourcePath decoded to the path a route names: "/*" is every resource, "/" the root, and
    /// otherwise a '/' then the path with each of its '/' written ~1 ("/~1calc~1{a}" is /calc/{a}).
    /// </summary>
    private static string ResourcePath(string encoded, string where)
    {
        if (encoded == "/*") return ThrottleSetting.Any;
        if (encoded == "/") return "/";
        if (!encoded.StartsWith("/~1", StringComparison.Ordinal) || encoded.LastIndexOf('/') > 0)
            throw new TemplateException($"{where}: '{encoded}' is not a resource path as API Gateway writes them: '/*', '/', or each '/' of the path as ~1 after a first '/' (/~1calc~1{{a}} for /calc/{{a}})");
        return encoded[1..].Replace("~1", "/", StringComparison.Ordinal);
    }
}

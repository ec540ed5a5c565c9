using YamlDotNet.RepresentationModel;

namespace Backend.Template;

public sealed partial class SamTemplate
{
    private static readonly string[] CorsProperties = ["AllowOrigin", "AllowMethods", "AllowHeaders", "MaxAge", "AllowCredentials"];

    /// <summary>
    /// SAM's Cors of an AWS::Serverless::Api: the string form (an origin) or the mapping of aws-sam-translator's
    /// CorsProperties. Each value is an API Gateway string expression, a quoted literal ("'GET,POST'"); a mapping
    /// expression (method.request.header.Origin) is not served.
    /// </summary>
    private CorsDefinition Cors(YamlNode node, string where)
    {
        if (node is YamlScalarNode || IsIntrinsic(node)) return new CorsDefinition(Literal(node, where), null, null, null, false);
        if (node is not YamlMappingNode map) throw new TemplateException($"{where} must be an origin (\"'*'\") or a mapping of {string.Join(", ", CorsProperties)}");
        foreach (var (name, _) in map.Entries())
        {
            if (!CorsProperties.Contains(name)) throw new TemplateException($"{where}.{name} is not supported by the local emulator ({string.Join(", ", CorsProperties)} are)");
        }
        string? Optional(string name) => map.Child(name) is { } value ? Literal(value, $"{where}.{name}") : null;
        var origin = Optional("AllowOrigin") ?? CorsDefinition.AnyOrigin;
        var maxAge = Optional("MaxAge");
        if (maxAge is not null && (maxAge.Length == 0 || !maxAge.All(char.IsAsciiDigit)))
            throw new TemplateException($"{where}.MaxAge: '{maxAge}' is not a number of seconds");
        var credentials = map.Child("AllowCredentials") is { } c ? _intrinsics.Resolve(c, $"{where}.AllowCredentials").ToLowerInvariant() : "false";
        if (credentials is not ("true" or "false")) throw new TemplateException($"{where}.AllowCredentials: '{credentials}' is not true or false");
        // aws-sam-translator refuses this too: a browser never sends credentials to a wildcard origin.
        if (credentials == "true" && origin == CorsDefinition.AnyOrigin) throw new TemplateException($"{where}: AllowCredentials cannot be true when AllowOrigin is '*' or not set");
        return new CorsDefinition(origin, Optional("AllowMethods"), Optional("AllowHeaders"), maxAge, credentials == "true");
    }

    /// <summary>The text of a quoted string expression: "'*'" is *.</summary>
    private string Literal(YamlNode node, string where)
    {
        var value = _intrinsics.Resolve(node, where);
        return value.Length >= 2 && value[0] == '\'' && value[^1] == '\''
            ? value[1..^1]
            : throw new TemplateException($"{where}: {value} is not a quoted string (SAM takes API Gateway string expressions, e.g. \"'*'\"); mapping expressions are not supported by the local emulator");
    }

    private static bool IsIntrinsic(YamlNode node) =>
        !node.Tag.IsEmpty && node.Tag.Value.StartsWith('!')
        || node is YamlMappingNode { Children.Count: 1 } map && map.Entries().Single().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal));

    /// <summary>Auth.AddDefaultAuthorizerToCorsPreflight (SAM's default: true).</summary>
    private bool AuthorizeCorsPreflight(YamlMappingNode? properties, string where)
    {
        if (properties?.Mapping("Auth")?.Child("AddDefaultAuthorizerToCorsPreflight") is not { } node) return true;
        var value = _intrinsics.Resolve(node, $"{where}.Auth.AddDefaultAuthorizerToCorsPreflight").ToLowerInvariant();
        return value switch
        {
            "true" => true,
            "false" => false,
            _ => throw new TemplateException($"{where}.Auth.AddDefaultAuthorizerToCorsPreflight: '{value}' is not true or false"),
        };
    }
}

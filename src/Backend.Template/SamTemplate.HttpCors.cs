using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Backend.Template;

public sealed partial class SamTemplate
{
    private static readonly string[] HttpCorsProperties = ["AllowOrigins", "AllowMethods", "AllowHeaders", "ExposeHeaders", "MaxAge", "AllowCredentials"];

    /// <summary>
    /// SAM's CorsConfiguration of an AWS::Serverless::HttpApi, read as aws-sam-translator reads it
    /// (samtranslator/model/api/http_api_generator.py, <c>_add_cors</c>): <c>true</c> is AllowOrigins ["*"] and
    /// nothing else, <c>false</c> is no CORS, an intrinsic is the AllowOrigins list, a mapping takes the six
    /// properties of CorsProperties and no other key. Null when the API has no CORS.
    /// </summary>
    private HttpCorsDefinition? HttpCors(YamlMappingNode? properties, string where)
    {
        if (properties?.Child("CorsConfiguration") is not { } node) return null;
        where = $"{where}.CorsConfiguration";
        if (node is YamlScalarNode { Tag.IsEmpty: true } flag)
        {
            return flag.Value?.ToLowerInvariant() switch
            {
                "true" => new HttpCorsDefinition([HttpCorsDefinition.Any], [], [], [], null, false),
                "false" => null,
                _ => throw new TemplateException($"{where}: '{flag.Value}' is not true, false or a mapping of {string.Join(", ", HttpCorsProperties)}"),
            };
        }
        if (IsIntrinsic(node)) return new HttpCorsDefinition(List(node, where), [], [], [], null, false);
        if (node is not YamlMappingNode map) throw new TemplateException($"{where} must be true, false or a mapping of {string.Join(", ", HttpCorsProperties)}");
        foreach (var (name, _) in map.Entries())
        {
            if (!HttpCorsProperties.Contains(name)) throw new TemplateException($"{where}.{name} is not a property of CorsConfiguration ({string.Join(", ", HttpCorsProperties)} are)");
        }
        IReadOnlyList<string> Optional(string name) => map.Child(name) is { } value ? List(value, $"{where}.{name}") : [];
        var origins = Optional("AllowOrigins");
        var credentials = map.Child("AllowCredentials") is { } c ? _intrinsics.Resolve(c, $"{where}.AllowCredentials").ToLowerInvariant() : "false";
        if (credentials is not ("true" or "false")) throw new TemplateException($"{where}.AllowCredentials: '{credentials}' is not true or false");
        // aws-sam-translator refuses exactly this pair (a browser never sends credentials to the origin *).
        if (credentials == "true" && origins is [HttpCorsDefinition.Any])
            throw new TemplateException($"{where}: AllowCredentials cannot be true when AllowOrigins is [\"*\"]");
        return new HttpCorsDefinition(origins, Optional("AllowMethods"), Optional("AllowHeaders"), Optional("ExposeHeaders"), MaxAge(map.Child("MaxAge"), $"{where}.MaxAge"), credentials == "true");
    }

    /// <summary>A list property: a YAML sequence, or one value (an intrinsic resolving to a comma-separated list, as a CommaDelimitedList parameter does).</summary>
    private List<string> List(YamlNode node, string where) => node is YamlSequenceNode { Tag.IsEmpty: true } sequence
        ? sequence.Children.Select((item, i) => _intrinsics.Resolve(item, $"{where}[{i}]").Trim()).ToList()
        : _intrinsics.Resolve(node, where).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>
    /// The apigatewayv2 Cors maxAge: an integer from -1 to 86400 (API Gateway V2 API reference, Cors, "maxAge ...
    /// Minimum: -1, Maximum: 86400"); API Gateway refuses the API otherwise.
    /// </summary>
    private int? MaxAge(YamlNode? node, string where)
    {
        if (node is null) return null;
        var text = _intrinsics.Resolve(node, where);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds is >= -1 and <= 86400
            ? seconds
            : throw new TemplateException($"{where}: '{text}' is not a number of seconds from -1 to 86400");
    }
}

using System.Text.Json;
using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>A REST API's request validator: required parameters, then the body against its model.</summary>
public static class RequestValidator
{
    /// <summary>API Gateway's 400 when the request fails validation, else null.</summary>
    public static HttpReply? Check(RouteDefinition route, GatewayRequest request)
    {
        if (route.Validation is not { } validation) return null;
        if (validation.ValidateParameters)
        {
            var query = request.QueryPairs();
            // An empty value counts as missing, as API Gateway counts it. A lone space is a value: it is
            // what "?operator=+" decodes to, and Calc reads it as the '+' the user typed.
            var missing = validation.RequiredQueryParameters
                .Where(name => !query.Any(q => q.Key == name && q.Value.Length > 0))
                .Concat(validation.RequiredHeaders.Where(name => string.IsNullOrEmpty(request.Header(name))))
                .ToList();
            if (missing.Count > 0) return GatewayErrors.MissingParameters(missing);
        }
        if (validation.ValidateBody && validation.BodyModel is { } modelName && route.Api.Model(modelName) is { } schema)
        {
            try
            {
                // The text the function will get (invalid UTF-8 already replaced by U+FFFD), not the raw bytes.
                using var body = JsonDocument.Parse(request.Body.Length == 0 ? "null" : System.Text.Encoding.UTF8.GetString(request.Body));
                if (!new JsonSchemaValidator(route.Api.Model).IsValid(body.RootElement, schema)) return GatewayErrors.InvalidBody();
            }
            catch (Exception e) when (e is JsonException || Backend.Lambda.Serialization.JsonStrings.IsUnreadableString(e))
            {
                return GatewayErrors.InvalidBody();
            }
        }
        return null;
    }
}

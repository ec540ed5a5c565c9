namespace Backend.Template;

/// <summary>
/// SAM's CorsConfiguration of an HTTP API, as aws-sam-translator writes it into x-amazon-apigateway-cors (the
/// apigatewayv2 Cors object): plain values, unlike a REST API's quoted string expressions. An empty list is a
/// header API Gateway does not send.
/// </summary>
public sealed record HttpCorsDefinition(
    IReadOnlyList<string> AllowOrigins,
    IReadOnlyList<string> AllowMethods,
    IReadOnlyList<string> AllowHeaders,
    IReadOnlyList<string> ExposeHeaders,
    int? MaxAge,
    bool AllowCredentials)
{
    /// <summary>Every origin (and, in AllowMethods/AllowHeaders, every method or header).</summary>
    public const string Any = "*";

    /// <summary>One line that changes whenever a value does (records compare lists by reference).</summary>
    public string Describe() =>
        $"origins={string.Join(',', AllowOrigins)} methods={string.Join(',', AllowMethods)} headers={string.Join(',', AllowHeaders)} "
        + $"expose={string.Join(',', ExposeHeaders)} maxAge={MaxAge} credentials={AllowCredentials}";
}

using System.Text;
using Backend.Local.Gateway;
using Backend.Local.Http;

namespace Backend.Local.Tests;

/// <summary>A REST API decodes a base64 proxy response only when it takes it for binary; an HTTP API always does.</summary>
public sealed class BinaryResponseMappingTests
{
    private static string Body(HttpReply r) => Encoding.UTF8.GetString(r.Body);
    private static string[] Header(HttpReply r, string name) =>
        r.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
    private static HttpReply Http(string json) => ResponseMapper.HttpApi(Encoding.UTF8.GetBytes(json));

    private static HttpReply RestWith(string json, string[] binaryMediaTypes, string? accept) =>
        ResponseMapper.Rest(Encoding.UTF8.GetBytes(json), binaryMediaTypes, accept);

    [Theory]
    [InlineData("image/png")]
    [InlineData("*/*")]
    [InlineData(null)]
    public void Without_binary_media_types_a_rest_api_returns_a_base64_body_as_its_text(string? accept)
    {
        var r = RestWith("""{"statusCode":200,"headers":{"Content-Type":"image/png"},"body":"AQID","isBase64Encoded":true}""", [], accept);

        Assert.Equal((200, "AQID"), (r.StatusCode, Body(r)));
        Assert.Equal(["image/png"], Header(r, "Content-Type"));
    }

    [Fact]
    public void A_base64_body_a_rest_api_does_not_decode_is_not_checked()
    {
        var r = RestWith("""{"statusCode":200,"body":"!!","isBase64Encoded":true}""", [], null);

        Assert.Equal((200, "!!"), (r.StatusCode, Body(r)));
    }

    [Theory]
    [InlineData("image/png", "*/*")]
    [InlineData("IMAGE/PNG; charset=binary", null)]
    [InlineData("application/json", "image/png, text/html")]
    [InlineData("application/json", "image/png;q=0.5")]
    public void A_rest_api_decodes_when_the_response_content_type_or_the_first_accept_type_is_binary(string contentType, string? accept)
    {
        var r = RestWith($$"""{"statusCode":200,"headers":{"Content-Type":"{{contentType}}"},"body":"AQID","isBase64Encoded":true}""", ["image/png"], accept);

        Assert.Equal(new byte[] { 1, 2, 3 }, r.Body);
    }

    [Theory]
    [InlineData("text/html", "text/html, image/png")]
    [InlineData("application/json", "image/*")]
    [InlineData("application/json", null)]
    public void A_rest_api_passes_the_base64_text_when_neither_is_binary(string contentType, string? accept)
    {
        var r = RestWith($$"""{"statusCode":200,"headers":{"Content-Type":"{{contentType}}"},"body":"AQID","isBase64Encoded":true}""", ["image/png"], accept);

        Assert.Equal("AQID", Body(r));
    }

    [Fact]
    public void Wildcard_binary_media_types_cover_their_subtypes_and_a_text_body_stays_text()
    {
        var decoded = RestWith("""{"headers":{"Content-Type":"image/jpeg"},"body":"AQID","isBase64Encoded":true}""", ["image/*"], null);
        var text = RestWith("""{"headers":{"Content-Type":"image/jpeg"},"body":"AQID"}""", ["image/*"], null);

        Assert.Equal(new byte[] { 1, 2, 3 }, decoded.Body);
        Assert.Equal("AQID", Body(text));
    }

    [Fact]
    public void An_http_api_decodes_a_base64_body_whatever_the_content_type_or_accept()
    {
        var r = Http("""{"statusCode":200,"headers":{"Content-Type":"text/plain"},"body":"AQID","isBase64Encoded":true}""");

        Assert.Equal(new byte[] { 1, 2, 3 }, r.Body);
    }
}

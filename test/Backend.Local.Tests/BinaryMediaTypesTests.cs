using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Backend.Local.Tests;

/// <summary>
/// binary-template.yaml through the emulator: a REST API with BinaryMediaTypes (image~1png) base64-encodes a matching
/// request body and decodes a base64 response the client or the response names binary; one without passes both as
/// text; the HTTP API keeps its own rule. The function (test/Backend.FaultyFunction) echoes the event it got, or
/// returns a {"raw": …} proxy response as it is.
/// </summary>
[Collection("binary server")]
public sealed class BinaryMediaTypesTests(BinaryServerFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4e, 0x47, 0xff, 0x00];

    private async Task<JsonElement> EchoedEventAsync(string path, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await fixture.Api.PostAsync(path, content);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<(byte[] Body, string? ContentType)> RawAsync(string path, string contentType, string accept)
    {
        var command = $$$"""{"raw":{"statusCode":200,"headers":{"Content-Type":"{{{contentType}}}"},"body":"{{{Convert.ToBase64String(Png)}}}","isBase64Encoded":true}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(command, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await fixture.Api.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_binary_media_type_body_reaches_the_function_base64_encoded()
    {
        var e = await EchoedEventAsync("/bin/binary", Png, "image/png");

        Assert.True(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String(Png), e.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Without_binary_media_types_the_same_body_reaches_it_as_text()
    {
        var e = await EchoedEventAsync("/text/text", Encoding.UTF8.GetBytes("PNG bytes"), "image/png");

        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("PNG bytes", e.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("image/png", "*/*")]
    [InlineData("application/octet-stream", "image/png, */*")]
    public async Task A_base64_response_is_decoded_when_its_content_type_or_the_first_accept_type_is_binary(string contentType, string accept)
    {
        var (body, type) = await RawAsync("/bin/binary", contentType, accept);

        Assert.Equal(Png, body);
        Assert.Equal(contentType, type);
    }

    [Fact]
    public async Task A_base64_response_is_its_text_when_neither_is_binary()
    {
        var (body, _) = await RawAsync("/bin/binary", "application/octet-stream", "*/*, image/png");

        Assert.Equal(Convert.ToBase64String(Png), Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Without_binary_media_types_a_base64_response_is_its_text()
    {
        var (body, type) = await RawAsync("/text/text", "image/png", "image/png");

        Assert.Equal(Convert.ToBase64String(Png), Encoding.UTF8.GetString(body));
        Assert.Equal("image/png", type);
    }

    [Fact]
    public async Task The_http_api_base64_encodes_a_binary_body_and_decodes_a_base64_response()
    {
        var e = await EchoedEventAsync("/http", Png, "image/png");
        var (body, _) = await RawAsync("/http", "application/octet-stream", "*/*");

        Assert.True(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(Png, body);
    }
}

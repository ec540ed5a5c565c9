using static Backend.Local.Tests.MappedReplies;
using System.Text;
using Backend.Local.Gateway;
using Backend.Local.Http;

namespace Backend.Local.Tests;

/// <summary>The rules by which each kind of API reads a function's proxy response; each rule's source is at its code.</summary>
public sealed class ProxyResponseFormatTests
{
    [Fact]
    public void A_rest_api_merges_headers_into_multi_value_headers_values_of_multi_value_headers_first()
    {
        var r = Rest("""{"statusCode":200,"headers":{"X-Foo":"bar","content-type":"text/html","X-Only":"1"},"multiValueHeaders":{"X-Foo":["foo"],"Content-Type":["application/json"]}}""");

        Assert.Equal(["foo", "bar"], Header(r, "X-Foo"));
        Assert.Equal(["application/json", "text/html"], Header(r, "Content-Type"));
        Assert.Equal(["1"], Header(r, "X-Only"));
    }

    [Fact]
    public void A_value_in_both_headers_and_multi_value_headers_appears_once()
    {
        var r = Rest("""{"statusCode":200,"headers":{"x-foo":"a"},"multiValueHeaders":{"X-Foo":["a","b"]}}""");

        Assert.Equal(["a", "b"], Header(r, "X-Foo"));
    }

    [Theory]
    [InlineData("""{"statusCode":200,"wrongValue":"value"}""")]
    [InlineData("""{"statusCode":200,"cookies":["a=1"]}""")]
    [InlineData("""{"statusCode":200,"StatusCode":200}""")]
    [InlineData("""{"statusCode":200,"multiValueHeaders":{"X":"not an array"}}""")]
    [InlineData("""{"statusCode":200,"headers":"X: 1"}""")]
    public void A_rest_proxy_response_with_an_unknown_key_or_a_misshapen_one_is_the_502(string json)
    {
        var r = Rest(json);

        Assert.Equal((502, """{"message":"Internal server error"}"""), (r.StatusCode, Body(r)));
        Assert.Equal(["InternalServerErrorException"], Header(r, "x-amzn-ErrorType"));
    }

    [Theory]
    [InlineData("""{}""", 200)]
    [InlineData("""{"headers":{"test-header":"value"}}""", 200)]
    [InlineData("""{"statusCode":null,"body":"x"}""", 200)]
    [InlineData("""{"statusCode":"201"}""", 201)]
    [InlineData("""{"statusCode":" 404 "}""", 404)]
    [InlineData("""{"statusCode":200.0}""", 200)]
    [InlineData("""{"statusCode":100}""", 100)]
    [InlineData("""{"statusCode":599}""", 599)]
    [InlineData("""{"statusCode":200.5}""", 502)]
    [InlineData("""{"statusCode":"200.0"}""", 502)]
    [InlineData("""{"statusCode":600}""", 502)]
    [InlineData("""{"statusCode":99}""", 502)]
    [InlineData("""{"statusCode":0}""", 502)]
    [InlineData("""{"statusCode":true}""", 502)]
    public void A_rest_api_reads_the_status_code_as_API_Gateway_does(string json, int status)
    {
        Assert.Equal(status, Rest(json).StatusCode);
    }

    [Fact]
    public void A_rest_response_without_status_code_is_a_200_with_its_headers_and_an_empty_body()
    {
        var r = Rest("""{"headers":{"test-header":"value","header-bool":true}}""");

        Assert.Equal((200, ""), (r.StatusCode, Body(r)));
        Assert.Equal(["value"], Header(r, "test-header"));
        Assert.Equal(["true"], Header(r, "header-bool"));
        Assert.Empty(Header(r, "x-amzn-ErrorType"));
    }

    [Theory]
    [InlineData("true", "test-data")]
    [InlineData("\"true\"", "test-data")]
    [InlineData("\"True\"", "test-data")]
    [InlineData("\"false\"", "dGVzdC1kYXRh")]
    [InlineData("false", "dGVzdC1kYXRh")]
    [InlineData("null", "dGVzdC1kYXRh")]
    public void A_rest_api_reads_is_base64_encoded_as_a_boolean_or_its_string(string flag, string body)
    {
        var r = Rest($$"""{"statusCode":200,"body":"dGVzdC1kYXRh","isBase64Encoded":{{flag}}}""");

        Assert.Equal((200, body), (r.StatusCode, Body(r)));
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("\"TRUE \"")]
    public void Any_other_is_base64_encoded_is_the_502(string flag)
    {
        Assert.Equal(502, Rest($$"""{"statusCode":200,"body":"dGVzdC1kYXRh","isBase64Encoded":{{flag}}}""").StatusCode);
    }

    [Fact]
    public void A_rest_api_reads_base64Encoded_before_isBase64Encoded()
    {
        var r = Rest("""{"statusCode":200,"body":"dGVzdC1kYXRh","base64Encoded":true,"isBase64Encoded":false}""");

        Assert.Equal((200, "test-data"), (r.StatusCode, Body(r)));
    }

    [Fact]
    public void An_http_api_ignores_multi_value_headers_and_keys_it_does_not_know()
    {
        var r = HttpApi("""{"statusCode":201,"headers":{"X-One":"1"},"multiValueHeaders":{"X-Two":["2"],"X-One":["9"]},"wrongValue":1,"body":"ok"}""");

        Assert.Equal((201, "ok"), (r.StatusCode, Body(r)));
        Assert.Equal(["1"], Header(r, "X-One"));
        Assert.Empty(Header(r, "X-Two"));
    }

    [Fact]
    public void An_http_api_turns_each_cookie_into_a_set_cookie_header_beside_the_headers()
    {
        var r = HttpApi("""{"statusCode":200,"headers":{"Set-Cookie":"h=0"},"cookies":["a=1; Path=/","b=2"]}""");

        Assert.Equal(["h=0", "a=1; Path=/", "b=2"], Header(r, "Set-Cookie"));
    }

    [Theory]
    [InlineData("""{"statusCode":200,"cookies":"a=1","body":"ok"}""", 200)]
    [InlineData("""{"statusCode":"202","body":"ok"}""", 202)]
    [InlineData("""{"statusCode":"abc"}""", 500)]
    [InlineData("""{"statusCode":200,"body":{"not":"a string"}}""", 500)]
    [InlineData("""{"statusCode":200,"body":"!!","isBase64Encoded":true}""", 500)]
    public void An_http_api_reads_status_body_and_cookies_or_answers_its_500(string json, int status)
    {
        Assert.Equal(status, HttpApi(json).StatusCode);
    }

    [Fact]
    public void An_http_api_decodes_a_base64_body()
    {
        var r = HttpApi("""{"statusCode":200,"body":"AQID","isBase64Encoded":true}""");

        Assert.Equal(new byte[] { 1, 2, 3 }, r.Body);
    }
}

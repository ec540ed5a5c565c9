using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Serialization;

namespace Backend.DynamoDbManager.Tests;

public sealed class AttributeValueJsonTests
{
    private static Dictionary<string, AttributeValue> Map(string json) =>
        AttributeValueJson.ToAttributeMap(JsonDocument.Parse(json).RootElement);

    private static string Json(Dictionary<string, AttributeValue> map) => JsonBytes.WriteString(w => AttributeValueJson.WriteAttributeMap(w, map));

    [Fact]
    public void An_attribute_name_over_64_KB_is_a_bad_request_before_DynamoDB_sees_it()
    {
        var atLimit = Map($$"""{"{{new string('n', 65535)}}":1}""");
        var nested = Assert.Throws<BadRequestException>(() => Map($$$"""{"m":{"{{{new string('é', 32768)}}}":1}}"""));

        Assert.Single(atLimit);
        Assert.Equal("attribute names must be at most 65535 bytes (UTF-8); one is 65536", nested.Message);
    }

    [Fact]
    public void Every_json_kind_maps_to_its_dynamodb_type()
    {
        var map = Map("""{"s":"x","n":-1.5e3,"t":true,"f":false,"z":null,"m":{"k":[1,"a"]},"l":[]}""");

        Assert.Equal("x", map["s"].S);
        Assert.Equal("-1.5e3", map["n"].N);
        Assert.True(map["t"].BOOL);
        Assert.False(map["f"].BOOL);
        Assert.True(map["z"].NULL);
        Assert.Equal("1", map["m"].M["k"].L[0].N);
        Assert.Equal("a", map["m"].M["k"].L[1].S);
        Assert.Empty(map["l"].L);
    }

    [Theory]
    [InlineData("12345678901234567890123456789012345678")]
    [InlineData("0.1")]
    [InlineData("-0.000000000000000000000000000000000001")]
    [InlineData("9007199254740993")]
    public void Numbers_keep_every_digit_in_both_directions(string number)
    {
        var map = Map($$"""{"n":{{number}}}""");
        Assert.Equal(number, map["n"].N);

        using var back = JsonDocument.Parse(Json(map));
        Assert.Equal(number, back.RootElement.GetProperty("n").GetRawText());
    }

    [Fact]
    public void A_nested_unicode_item_comes_back_equal()
    {
        const string item = """{"id":"ü-✓-😀","nested":{"list":[true,null,{"deep":"日本"}],"empty":{}},"quote":"a\"b\\c"}""";

        var back = Json(Map(item));

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(item).RootElement, JsonDocument.Parse(back).RootElement), back);
    }

    [Fact]
    public void Sets_and_binary_written_by_other_clients_read_as_arrays_and_base64()
    {
        var map = new Dictionary<string, AttributeValue>
        {
            ["ss"] = new() { SS = ["a", "b"] },
            ["ns"] = new() { NS = ["1", "2.5"] },
            ["b"] = new() { B = new MemoryStream([1, 2, 3]) },
        };

        Assert.Equal("""{"ss":["a","b"],"ns":[1,2.5],"b":"AQID"}""", Json(map));
    }

    [Fact]
    public void A_repeated_key_keeps_the_last_value_as_JSON_parse_does()
    {
        Assert.Equal("2", Map("""{"n":1,"n":2}""")["n"].N);
    }
}

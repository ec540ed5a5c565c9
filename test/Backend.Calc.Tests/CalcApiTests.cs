using System.Text.Json;
using Backend.Lambda.TestUtilities;
using static Backend.Calc.Tests.CalcHarness;

namespace Backend.Calc.Tests;

public sealed class CalcApiTests
{
    private static string Message(Backend.Lambda.APIGatewayEvents.APIGatewayProxyResponse response)
    {
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        using var body = JsonDocument.Parse(response.Body!);
        return body.RootElement.GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task Post_calc_returns_the_input_and_c()
    {
        var response = await InvokeApiAsync(RepositoryFiles.ReadEvent("calc-post.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", response.Body);
    }

    [Fact]
    public async Task Get_calc_with_query_parameters_returns_the_same_shape()
    {
        var response = await InvokeApiAsync(RepositoryFiles.ReadEvent("calc-get-query.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", response.Body);
    }

    [Fact]
    public async Task Get_calc_with_path_parameters_returns_the_Result_model()
    {
        var response = await InvokeApiAsync(RepositoryFiles.ReadEvent("calc-get-path.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"input":{"a":1,"b":2,"op":"+"},"output":{"c":3}}""", response.Body);
    }

    [Theory]
    [InlineData("%2F")]
    [InlineData("%2f")]
    [InlineData("/")]
    public async Task An_encoded_slash_in_the_path_means_divide(string op)
    {
        var response = await InvokeApiAsync(PathEvent("7", "2", op));

        Assert.Equal("""{"input":{"a":7,"b":2,"op":"/"},"output":{"c":3.5}}""", response.Body);
    }

    [Fact]
    public async Task The_divide_event_file_divides()
    {
        var response = await InvokeApiAsync(RepositoryFiles.ReadEvent("calc-get-path-divide.json"));
        Assert.Equal("""{"input":{"a":7,"b":2,"op":"/"},"output":{"c":3.5}}""", response.Body);
    }

    [Fact]
    public async Task A_plus_typed_in_a_query_string_arrives_as_a_space_and_means_plus()
    {
        var response = await InvokeApiAsync(QueryEvent(("operand1", "4"), ("operand2", "5"), ("operator", " ")));

        Assert.Equal("""{"a":4,"b":5,"op":"+","c":9}""", response.Body);
    }

    [Theory]
    [InlineData("""{"a":"0.1","b":"0.2","op":"+"}""", """{"a":0.1,"b":0.2,"op":"+","c":0.30000000000000004}""")]
    [InlineData("""{"a":0.1,"b":0.2,"op":"add"}""", """{"a":0.1,"b":0.2,"op":"add","c":0.30000000000000004}""")]
    [InlineData("""{"a":"  12 ","b":"1e3","op":"mul"}""", """{"a":12,"b":1000,"op":"mul","c":12000}""")]
    [InlineData("""{"a":1,"b":0,"op":"/"}""", """{"a":1,"b":0,"op":"/","c":null}""")]
    [InlineData("""{"a":1,"b":3,"op":"div"}""", """{"a":1,"b":3,"op":"div","c":0.3333333333333333}""")]
    [InlineData("""{"a":-2.5,"b":"-0.5","op":"sub"}""", """{"a":-2.5,"b":-0.5,"op":"sub","c":-2}""")]
    [InlineData("""{"a":1e308,"b":1e308,"op":"*"}""", """{"a":1E+308,"b":1E+308,"op":"*","c":null}""")]
    [InlineData("""{"a":1,"b":2,"op":"+","extra":true}""", """{"a":1,"b":2,"op":"+","c":3}""")]
    public async Task Operands_are_numbers_or_numeric_strings_and_print_in_shortest_form(string body, string expected)
    {
        var response = await InvokeApiAsync(PostEvent(body));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(expected, response.Body);
    }

    [Fact]
    public async Task A_base64_body_is_decoded()
    {
        var response = await InvokeApiAsync(PostEvent("""{"a":2,"b":3,"op":"*"}""", base64: true));

        Assert.Equal("""{"a":2,"b":3,"op":"*","c":6}""", response.Body);
    }

    [Fact]
    public async Task A_base64_body_that_is_not_UTF_8_is_a_400_not_a_crash()
    {
        var evt = System.Text.Json.Nodes.JsonNode.Parse(PostEvent("x", base64: true))!;
        evt["body"] = Convert.ToBase64String([.. "{\"a\":1,\"b\":2,\"op\":\""u8, 0xFF, .. "\"}"u8]);

        var response = await InvokeApiAsync(evt.ToJsonString());

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Invalid Input: the body is not valid UTF-8", Message(response));
    }

    [Theory]
    [InlineData("""{"b":2,"op":"+"}""", "Invalid Input: missing a")]
    [InlineData("""{"a":1,"op":"+"}""", "Invalid Input: missing b")]
    [InlineData("""{"a":1,"b":2}""", "Invalid Input: missing op")]
    [InlineData("""{}""", "Invalid Input: missing a, b, op")]
    [InlineData("""{"a":null,"b":2,"op":"+"}""", "Invalid Input: missing a")]
    [InlineData("""{"a":"x","b":2,"op":"+"}""", "Invalid Operand: a must be a finite number or a numeric string")]
    [InlineData("""{"a":1,"b":"","op":"+"}""", "Invalid Operand: b must be a finite number or a numeric string")]
    [InlineData("""{"a":1,"b":true,"op":"+"}""", "Invalid Operand: b must be a finite number or a numeric string")]
    [InlineData("""{"a":[1],"b":2,"op":"+"}""", "Invalid Operand: a must be a finite number or a numeric string")]
    [InlineData("""{"a":"NaN","b":2,"op":"+"}""", "Invalid Operand: a must be a finite number or a numeric string")]
    [InlineData("""{"a":"Infinity","b":2,"op":"+"}""", "Invalid Operand: a must be a finite number or a numeric string")]
    [InlineData("""{"a":1e400,"b":2,"op":"+"}""", "Invalid Operand: a must be a finite number or a numeric string")]
    [InlineData("""{"a":"0x10","b":2,"op":"+"}""", "Invalid Operand: a must be a finite number or a numeric string")]
    [InlineData("""{"a":"1\u0000","b":2,"op":"+"}""", "Invalid Operand: a must be a finite number or a numeric string")]
    [InlineData("""{"a":1,"b":2,"op":"^"}""", "Invalid Operator: op must be one of + - * / add sub mul div")]
    [InlineData("""{"a":1,"b":2,"op":1}""", "Invalid Operator: op must be one of + - * / add sub mul div")]
    [InlineData("""[1,2,"+"]""", "Invalid Input: the body must be a JSON object with a, b and op")]
    [InlineData("""{"a":1,""", "Invalid Input: the body is not valid JSON")]
    [InlineData("""not json at all""", "Invalid Input: the body is not valid JSON")]
    [InlineData("", "Invalid Input: the body must be a JSON object with a, b and op")]
    public async Task Bad_bodies_get_400_with_a_message_naming_the_field(string body, string message)
    {
        var response = await InvokeApiAsync(PostEvent(body));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(message, Message(response));
    }

    [Fact]
    public async Task The_invalid_operator_event_file_gets_400()
    {
        var response = await InvokeApiAsync(RepositoryFiles.ReadEvent("calc-post-invalid-operator.json"));
        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("Invalid Operator: op", Message(response));
    }

    [Fact]
    public async Task The_missing_operand_event_file_gets_400_naming_operand2()
    {
        var response = await InvokeApiAsync(RepositoryFiles.ReadEvent("calc-get-query-missing-operand.json"));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Invalid Input: missing operand2", Message(response));
    }

    [Fact]
    public async Task Query_errors_name_the_query_parameters()
    {
        Assert.Equal("Invalid Input: missing operand1, operand2, operator", Message(await InvokeApiAsync(QueryEvent())));
        Assert.Equal("Invalid Input: missing operand2", Message(await InvokeApiAsync(QueryEvent(("operand1", "1"), ("operand2", "  "), ("operator", "+")))));
        Assert.Equal("Invalid Operand: operand1 must be a finite number or a numeric string",
            Message(await InvokeApiAsync(QueryEvent(("operand1", "one"), ("operand2", "2"), ("operator", "+")))));
        Assert.Equal("Invalid Operator: operator must be one of + - * / add sub mul div",
            Message(await InvokeApiAsync(QueryEvent(("operand1", "1"), ("operand2", "2"), ("operator", "%")))));
    }

    [Fact]
    public async Task Path_errors_name_the_path_parameters()
    {
        var response = await InvokeApiAsync(PathEvent("1", "two", "+"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Invalid Operand: operand2 must be a finite number or a numeric string", Message(response));
    }

    [Fact]
    public async Task A_route_calc_does_not_serve_gets_404_with_a_message()
    {
        var evt = RepositoryFiles.ReadEvent("calc-post.json").Replace("\"httpMethod\": \"POST\"", "\"httpMethod\": \"DELETE\"", StringComparison.Ordinal);

        var response = await InvokeApiAsync(evt);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("Calc does not serve DELETE /calc", Message(response));
    }

    // The function decides from what the event carries, not from the route the template gives it: a renamed
    // path must still be served.
    [Fact]
    public async Task A_post_under_another_resource_and_path_is_served_from_its_body()
    {
        var response = await InvokeApiAsync(Elsewhere(PostEvent("""{"a":6,"b":3,"op":"/"}"""), "/v2/compute"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"a":6,"b":3,"op":"/","c":2}""", response.Body);
    }

    [Fact]
    public async Task A_get_with_a_query_under_another_resource_and_path_is_served_from_its_query()
    {
        var response = await InvokeApiAsync(Elsewhere(QueryEvent(("operand1", "6"), ("operand2", "3"), ("operator", "-")), "/arithmetic"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"a":6,"b":3,"op":"-","c":3}""", response.Body);
    }

    [Fact]
    public async Task A_get_with_path_parameters_under_another_resource_is_served_with_the_Result_model()
    {
        var response = await InvokeApiAsync(Elsewhere(PathEvent("6", "3", "*"), "/math/{operand1}/{operand2}/{operator}"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"input":{"a":6,"b":3,"op":"*"},"output":{"c":18}}""", response.Body);
    }

    private static string Elsewhere(string eventJson, string resource)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(eventJson)!;
        node["resource"] = resource;
        node["path"] = "/elsewhere";
        node["requestContext"]!["resourcePath"] = resource;
        return node.ToJsonString();
    }

    [Fact]
    public async Task Bad_input_is_logged_as_a_warning()
    {
        var context = new TestLambdaContext();
        await new CalcFunction().HandleAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(PostEvent("{}"))), context);

        Assert.Contains("WARN Invalid Input: missing a, b, op", ((TestLambdaLogger)context.Logger).Buffer.ToString());
    }
}

using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.TestUtilities;

namespace Backend.RandomNumber.Tests;

public sealed class RandomNumberFunctionTests
{
    private static APIGatewayHttpApiV2ProxyRequest Event(string file) =>
        JsonSerializer.Deserialize(RepositoryFiles.ReadEvent(file), ApiGatewayJsonContext.Default.APIGatewayHttpApiV2ProxyRequest)!;

    private static APIGatewayHttpApiV2ProxyRequest Query(params (string Name, string Value)[] query)
    {
        var request = Event("random-get.json");
        request.QueryStringParameters = query.ToDictionary(q => q.Name, q => q.Value);
        return request;
    }

    private static JsonElement Body(APIGatewayHttpApiV2ProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    [Fact]
    public void Get_index_returns_a_json_number_that_no_cache_may_keep()
    {
        (long Min, long Max)? asked = null;
        var function = new RandomNumberFunction((min, max) => { asked = (min, max); return 42; });

        var response = function.Handle(Event("random-get.json"), new TestLambdaContext());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"number":42}""", response.Body);
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        Assert.Equal((1L, 100L), asked);
    }

    [Fact]
    public void Every_call_draws_a_fresh_number_from_1_to_100()
    {
        var function = new RandomNumberFunction();
        var numbers = Enumerable.Range(0, 200)
            .Select(_ => Body(function.Handle(Event("random-get.json"), new TestLambdaContext())).GetProperty("number").GetInt64())
            .ToList();

        Assert.All(numbers, n => Assert.InRange(n, 1, 100));
        Assert.True(numbers.Distinct().Count() > 20, "200 draws from 1..100 gave almost no distinct values");
    }

    [Fact]
    public void Min_max_and_count_shape_the_answer()
    {
        var response = new RandomNumberFunction().Handle(Event("random-get-range.json"), new TestLambdaContext());

        var numbers = Body(response).GetProperty("numbers").EnumerateArray().Select(n => n.GetInt64()).ToList();
        Assert.Equal(3, numbers.Count);
        Assert.All(numbers, n => Assert.InRange(n, 1, 6));
    }

    [Theory]
    [InlineData("-9223372036854775808", "9223372036854775807")]
    [InlineData("-10", "-10")]
    [InlineData("+5", "7")]
    public void Any_inclusive_64_bit_range_is_allowed(string min, string max)
    {
        var response = new RandomNumberFunction().Handle(Query(("min", min), ("max", max)), new TestLambdaContext());

        Assert.Equal(200, response.StatusCode);
        Assert.InRange(Body(response).GetProperty("number").GetInt64(), long.Parse(min), long.Parse(max));
    }

    [Fact]
    public void A_count_of_1000_gives_1000_numbers()
    {
        var response = new RandomNumberFunction().Handle(Query(("count", "1000")), new TestLambdaContext());

        Assert.Equal(1000, Body(response).GetProperty("numbers").GetArrayLength());
    }

    [Theory]
    [InlineData("min", "ten", "min must be an integer from -9223372036854775808 to 9223372036854775807")]
    [InlineData("min", "1.5", "min must be an integer from -9223372036854775808 to 9223372036854775807")]
    [InlineData("min", "1,2", "min must be an integer from -9223372036854775808 to 9223372036854775807")]
    [InlineData("min", "", "min must be an integer from -9223372036854775808 to 9223372036854775807")]
    [InlineData("max", "9223372036854775808", "max must be an integer from -9223372036854775808 to 9223372036854775807")]
    [InlineData("min", "500", "min (500) must not be greater than max (100)")]
    [InlineData("count", "0", "count must be an integer from 1 to 1000")]
    [InlineData("count", "1001", "count must be an integer from 1 to 1000")]
    [InlineData("count", "many", "count must be an integer from 1 to 1000")]
    public void A_bad_parameter_gets_400_naming_it(string name, string value, string message)
    {
        var response = new RandomNumberFunction().Handle(Query((name, value)), new TestLambdaContext());

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(message, Body(response).GetProperty("message").GetString());
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
    }

    [Fact]
    public void The_invalid_event_file_gets_400()
    {
        var response = new RandomNumberFunction().Handle(Event("random-get-invalid.json"), new TestLambdaContext());

        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("min must be", Body(response).GetProperty("message").GetString());
    }

    [Fact]
    public void A_direct_invocation_without_an_api_event_still_answers()
    {
        var response = new RandomNumberFunction((_, _) => 7).Handle(null, new TestLambdaContext());

        Assert.Equal("""{"number":7}""", response.Body);
    }
}

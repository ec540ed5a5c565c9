using Backend.Lambda.TestUtilities;
using static Backend.Calc.Tests.CalcHarness;

namespace Backend.Calc.Tests;

public sealed class CalcDirectTests
{
    [Theory]
    [InlineData("calc-direct.json", """{"a":1,"b":2,"op":"+","c":3}""")]
    [InlineData("calc-direct-strings.json", """{"a":0.1,"b":0.2,"op":"add","c":0.30000000000000004}""")]
    [InlineData("calc-direct-divide-by-zero.json", """{"a":1,"b":0,"op":"/","c":null}""")]
    public async Task A_direct_event_returns_a_b_op_and_c(string eventFile, string expected) =>
        Assert.Equal(expected, await InvokeRawAsync(RepositoryFiles.ReadEvent(eventFile)));

    [Theory]
    [InlineData("calc-direct-invalid-input.json", "400 Invalid Input", "Invalid Input: missing b")]
    [InlineData("calc-direct-invalid-operand.json", "400 Invalid Operand", "Invalid Operand: a must be a finite number or a numeric string")]
    [InlineData("calc-direct-invalid-operator.json", "400 Invalid Operator", "Invalid Operator: op must be one of + - * / add sub mul div")]
    public async Task Invalid_direct_input_fails_the_invocation_as_the_tutorial_does(string eventFile, string errorMessage, string detail)
    {
        var error = await Assert.ThrowsAsync<CalcInputException>(() => InvokeRawAsync(RepositoryFiles.ReadEvent(eventFile)));

        Assert.Equal(errorMessage, error.Message);
        Assert.Equal(detail, error.Error.Message);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("\"a+b\"")]
    [InlineData("{nope")]
    public async Task A_direct_event_that_is_not_an_object_is_invalid_input(string payload)
    {
        var error = await Assert.ThrowsAsync<CalcInputException>(() => InvokeRawAsync(payload));

        Assert.Equal("400 Invalid Input", error.Message);
    }
}

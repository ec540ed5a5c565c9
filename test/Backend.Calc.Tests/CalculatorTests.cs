namespace Backend.Calc.Tests;

public sealed class CalculatorTests
{
    [Theory]
    [InlineData(1, 2, Operator.Add, 3)]
    [InlineData(1, 2, Operator.Subtract, -1)]
    [InlineData(3, 4, Operator.Multiply, 12)]
    [InlineData(7, 2, Operator.Divide, 3.5)]
    [InlineData(-6, 3, Operator.Divide, -2)]
    public void Computes_the_four_operations(double a, double b, Operator op, double expected) =>
        Assert.Equal(expected, Calculator.Compute(a, b, op));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    public void Division_by_zero_is_null_as_the_tutorials_NaN(double a, double b) =>
        Assert.Null(Calculator.Compute(a, b, Operator.Divide));

    [Fact]
    public void Any_non_finite_result_is_null()
    {
        Assert.Null(Calculator.Compute(double.MaxValue, double.MaxValue, Operator.Add));
        Assert.Null(Calculator.Compute(double.MaxValue, 10, Operator.Multiply));
        Assert.Null(Calculator.Compute(double.MaxValue, 1e-300, Operator.Divide));
    }

    [Theory]
    [InlineData("+", Operator.Add)]
    [InlineData("add", Operator.Add)]
    [InlineData("-", Operator.Subtract)]
    [InlineData("sub", Operator.Subtract)]
    [InlineData("*", Operator.Multiply)]
    [InlineData("mul", Operator.Multiply)]
    [InlineData("/", Operator.Divide)]
    [InlineData("div", Operator.Divide)]
    public void Accepts_the_tutorials_symbols_and_words(string text, Operator expected) =>
        Assert.Equal(expected, Operators.Parse(text));

    [Theory]
    [InlineData("^")]
    [InlineData("ADD")]
    [InlineData("")]
    [InlineData("plus")]
    [InlineData("+ ")]
    public void Refuses_other_operators(string text) => Assert.Null(Operators.Parse(text));
}

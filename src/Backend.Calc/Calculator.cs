namespace Backend.Calc;

/// <summary>The arithmetic itself, apart from any transport.</summary>
public static class Calculator
{
    /// <summary>The result, or null where the tutorial's Node.js function gives NaN: division by zero and any non-finite result.</summary>
    public static double? Compute(double a, double b, Operator op)
    {
        var c = op switch
        {
            Operator.Add => a + b,
            Operator.Subtract => a - b,
            Operator.Multiply => a * b,
            _ => b == 0 ? double.NaN : a / b,
        };
        return double.IsFinite(c) ? c : null;
    }
}

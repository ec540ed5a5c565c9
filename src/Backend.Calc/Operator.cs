namespace Backend.Calc;

public enum Operator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

public static class Operators
{
    public const string Accepted = "+ - * / add sub mul div";

    /// <summary>The tutorial's operators: a symbol or its word, exactly as written.</summary>
    public static Operator? Parse(string text) => text switch
    {
        "+" or "add" => Operator.Add,
        "-" or "sub" => Operator.Subtract,
        "*" or "mul" => Operator.Multiply,
        "/" or "div" => Operator.Divide,
        _ => null,
    };
}

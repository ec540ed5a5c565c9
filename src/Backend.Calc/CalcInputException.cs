namespace Backend.Calc;

/// <summary>
/// A direct invocation with bad input fails, as the tutorial's Node.js function does, with errorMessage
/// "400 Invalid Input" / "400 Invalid Operand" / "400 Invalid Operator" (the status first, so an
/// API Gateway integration response can map it by regex).
/// </summary>
public sealed class CalcInputException(CalcInputError error) : Exception("400 " + error.Kind)
{
    public CalcInputError Error { get; } = error;
}

using System.Globalization;
using System.Text.Json;

namespace Backend.Calc;

/// <summary>A validated calculation: two finite operands and an operator, with the operator as the caller wrote it.</summary>
public sealed record CalcRequest(double A, double B, string Op, Operator Operator);

/// <summary>Why an input was refused; <see cref="Kind"/> is the tutorial's error kind ("Invalid Input", …), <see cref="Detail"/> names the field.</summary>
public sealed record CalcInputError(string Kind, string Detail)
{
    public const string InvalidInput = "Invalid Input";
    public const string InvalidOperand = "Invalid Operand";
    public const string InvalidOperator = "Invalid Operator";

    public string Message => $"{Kind}: {Detail}";
}

/// <summary>One input field as it arrived: a string (query or path) or a JSON value (body or direct event).</summary>
public readonly record struct CalcField
{
    private CalcField(string name, string? text, JsonElement? json, bool isText) => (Name, Text, Json, _isText) = (name, text, json, isText);

    private readonly bool _isText;

    public string Name { get; }
    public string? Text { get; }
    public JsonElement? Json { get; }

    public static CalcField FromText(string name, string? text) => new(name, text, null, isText: true);

    /// <summary>
    /// An operator from a URL. In a query string '+' means space, so "?operator=+" arrives as " ":
    /// the user meant plus. A path segment of "%2F" is how a URL carries "/" (the tutorial's mapping).
    /// </summary>
    public static CalcField FromOperatorText(string name, string? text) => FromText(name, text switch
    {
        " " => "+",
        "%2F" or "%2f" => "/",
        _ => text,
    });

    public static CalcField FromJson(string name, JsonElement obj) =>
        new(name, null, obj.TryGetProperty(name, out var value) ? value : null, isText: false);

    /// <summary>Absent or JSON null is missing; from a URL a blank value is missing too, as API Gateway's validator counts it.</summary>
    public bool IsMissing => _isText
        ? string.IsNullOrWhiteSpace(Text)
        : Json is null or { ValueKind: JsonValueKind.Null };
}

public static class CalcInput
{
    /// <summary>Validates in the tutorial function's order: presence, then operands, then operator.</summary>
    public static (CalcRequest? Request, CalcInputError? Error) Validate(CalcField a, CalcField b, CalcField op)
    {
        // Arrays and loops, not LINQ or span collection expressions: those over this struct are generic code that
        // ReadyToRun leaves to the JIT on every cold start (README "Performance").
        CalcField[] all = [a, b, op];
        var missing = "";
        foreach (var field in all)
            if (field.IsMissing) missing += (missing.Length > 0 ? ", " : "") + field.Name;
        if (missing.Length > 0) return Fail(CalcInputError.InvalidInput, $"missing {missing}");

        foreach (var operand in new[] { a, b })
        {
            if (ReadOperand(operand) is null)
                return Fail(CalcInputError.InvalidOperand, $"{operand.Name} must be a finite number or a numeric string");
        }

        var opText = ReadOperator(op);
        if (opText is null || Operators.Parse(opText) is not { } parsed)
            return Fail(CalcInputError.InvalidOperator, $"{op.Name} must be one of {Operators.Accepted}");

        return (new CalcRequest(ReadOperand(a)!.Value, ReadOperand(b)!.Value, opText, parsed), null);
    }

    private static (CalcRequest?, CalcInputError?) Fail(string kind, string detail) => (null, new CalcInputError(kind, detail));

    private static double? ReadOperand(CalcField field)
    {
        if (field.Json is { } json)
        {
            return json.ValueKind switch
            {
                JsonValueKind.Number when json.TryGetDouble(out var n) && double.IsFinite(n) => n,
                JsonValueKind.String => ParseNumber(ReadableString(json)),
                _ => null,
            };
        }
        return ParseNumber(field.Text);
    }

    /// <summary>
    /// Decimal or exponent notation, invariant culture; NaN and Infinity are not operands. .NET's parser ignores
    /// trailing NUL characters ("1\0" reads as 1), so text holding one is refused first.
    /// </summary>
    private static double? ParseNumber(string? text) =>
        text is not null && !text.Contains('\0') && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static string? ReadOperator(CalcField field) => field.Json is { } json
        ? (json.ValueKind == JsonValueKind.String ? ReadableString(json) : null)
        : field.Text;

    /// <summary>The string, or null when .NET cannot read it (an unpaired surrogate escape): then it is no number or operator.</summary>
    private static string? ReadableString(JsonElement json)
    {
        try
        {
            return json.GetString();
        }
        catch (InvalidOperationException e) when (Backend.Lambda.Serialization.JsonStrings.IsUnreadableString(e))
        {
            return null;
        }
    }
}

using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Serialization;

namespace Backend.Calc;

/// <summary>The two answer shapes of the tutorial's API: the flat output and the Result model.</summary>
public static class CalcJson
{
    /// <summary><c>{"a":1,"b":2,"op":"+","c":3}</c>; c is null where the tutorial's Node.js function gives NaN.</summary>
    public static string Output(CalcRequest request, double? c) => JsonBytes.WriteString(w =>
    {
        w.WriteStartObject();
        WriteInput(w, request);
        WriteC(w, c);
        w.WriteEndObject();
    });

    /// <summary><c>{"input":{"a":1,"b":2,"op":"+"},"output":{"c":3}}</c>, the tutorial's Result model.</summary>
    public static string Result(CalcRequest request, double? c) => JsonBytes.WriteString(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("input");
        WriteInput(w, request);
        w.WriteEndObject();
        w.WriteStartObject("output");
        WriteC(w, c);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    // Utf8JsonWriter prints a double in its shortest round-trip form: 0.1 + 0.2 is 0.30000000000000004, 3 is 3.
    private static void WriteInput(Utf8JsonWriter w, CalcRequest request)
    {
        w.WriteNumber("a", request.A);
        w.WriteNumber("b", request.B);
        w.WriteString("op", request.Op);
    }

    private static void WriteC(Utf8JsonWriter w, double? c)
    {
        if (c is { } value) w.WriteNumber("c", value);
        else w.WriteNull("c");
    }
}

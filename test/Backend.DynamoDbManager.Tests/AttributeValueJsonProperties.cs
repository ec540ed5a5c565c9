using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Serialization;
using Backend.Lambda.TestUtilities;
using FsCheck.Fluent;
using FsCheck;

namespace Backend.DynamoDbManager.Tests;

/// <summary>
/// JSON → AttributeValue → JSON for generated documents, compared as values: numbers by their
/// decimal value (DynamoDB stores 1.50 as 1.5), objects without regard to key order.
/// </summary>
public sealed partial class AttributeValueJsonProperties
{
    private static Config Cases(int count) => Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true);

    /// <summary>Any Unicode text: mostly ASCII, some control characters, any other BMP character, astral ones (emoji).</summary>
    private static readonly Gen<string> Unicode = Gen.Frequency(
            (6, Gen.Choose(0x20, 0x7E)), (1, Gen.Choose(0, 0x1F)), (2, Gen.Choose(0xA0, 0xD7FF)), (1, Gen.Choose(0xE000, 0xFFFF)), (1, Gen.Choose(0x10000, 0x10FFFF)))
        .Select(char.ConvertFromUtf32).ListOf().Select(string.Concat);

    /// <summary>A JSON string literal, non-ASCII sometimes escaped (\u00e9, \ud83d\ude00) and sometimes raw UTF-8.</summary>
    private static readonly Gen<string> JsonString = Unicode.Zip(Gen.Elements(JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping),
        (text, encoder) => Quote(text, encoder));

    private static string Quote(string text, JavaScriptEncoder? encoder = null) => $"\"{JsonEncodedText.Encode(text, encoder)}\"";

    /// <summary>
    /// Numbers DynamoDB accepts: 1 to 38 significant digits, the leading one at 10^-130 .. 10^125,
    /// written as an integer, a plain decimal or in exponent notation; and zeros.
    /// </summary>
    private static readonly Gen<string> JsonNumber = Gen.Frequency(
        (1, Gen.Elements("0", "-0", "0.0", "0e7", "-0.000E-5")),
        (6, Gen.Choose(1, 38).SelectMany(n => Gen.Choose(0, 9).ArrayOf(n)).Where(d => d[0] != 0)
            .Zip(Gen.Frequency((3, Gen.Choose(-3, 40)), (1, Gen.Choose(-130, 125))), (digits, exponent) => (Digits: string.Concat(digits), Exponent: exponent))
            .Zip(Gen.Elements("", "-"), (n, sign) => (n.Digits, n.Exponent, Sign: sign))
            .SelectMany(n => Gen.Elements(Plain(n.Digits, n.Exponent), Scientific(n.Digits, n.Exponent, "e"), Scientific(n.Digits, n.Exponent, "E+"))
                .Select(text => n.Sign + text))));

    /// <summary>digits × 10^(exponent - digits + 1) without an exponent: 12300, 1.23, 0.000123.</summary>
    private static string Plain(string digits, int exponent) => exponent switch
    {
        _ when exponent >= digits.Length - 1 => digits + new string('0', exponent - digits.Length + 1),
        >= 0 => $"{digits[..(exponent + 1)]}.{digits[(exponent + 1)..]}",
        _ => $"0.{new string('0', -exponent - 1)}{digits}",
    };

    private static string Scientific(string digits, int exponent, string e) =>
        (digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}") + (exponent < 0 ? $"e{exponent}" : $"{e}{exponent}");

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (3, JsonString), (3, JsonNumber), (1, Gen.Elements("true", "false", "null")));

    /// <summary>Any JSON value, nested at most <paramref name="depth"/> levels, at most 4 members or items a level.</summary>
    private static Gen<string> Value(int depth, Gen<string> keys) => depth == 0
        ? Scalar
        : Gen.Frequency((3, Scalar), (1, Object(depth - 1, keys)), (1, Array(depth - 1, keys)));

    private static Gen<string> Array(int depth, Gen<string> keys) =>
        Gen.Choose(0, 4).SelectMany(n => Value(depth, keys).ListOf(n)).Select(items => $"[{string.Join(",", items)}]");

    /// <summary>An object with distinct keys (JSON.parse would keep only the last of a repeated key).</summary>
    private static Gen<string> Object(int depth, Gen<string> keys, string? id = null) =>
        Gen.Choose(0, 4).SelectMany(n => keys.Zip(Value(depth, keys)).ListOf(n)).Select(members =>
        {
            var all = id is null ? members : members.Prepend(("id", Quote(id))).ToList();
            return "{" + string.Join(",", all.DistinctBy(m => m.Item1).Select(m => $"{Quote(m.Item1)}:{m.Item2}")) + "}";
        });

    private static readonly Gen<string> Document = Object(3, Unicode);

    /// <summary>DynamoDB refuses an empty attribute name, at the top level and in maps ("Empty attribute name", a 400).</summary>
    private static readonly Gen<string> AttributeName = Unicode.Where(name => name.Length > 0);

    /// <summary>What the manager answers for an item: the map written back as JSON.</summary>
    private static string RoundTrip(string json)
    {
        using var sent = JsonDocument.Parse(json);
        var map = AttributeValueJson.ToAttributeMap(sent.RootElement);
        return JsonBytes.WriteString(w => AttributeValueJson.WriteAttributeMap(w, map));
    }

    [Fact]
    public void Any_json_object_comes_back_as_the_same_value() => Check.One(Cases(500), Prop.ForAll(
        Arb.From(Document),
        json => AssertSameJson(json, RoundTrip(json))));

    /// <summary>Through DynamoDB Local as well: DynamoDB normalizes numbers and keeps no key order, but the value is the one written.</summary>
    [Fact]
    public async Task Any_item_read_back_from_DynamoDB_is_the_item_written()
    {
        var harness = await OwnTableAsync();
        var items = Gen.Fresh(ManagerHarness.NewId).SelectMany(id => Object(3, AttributeName, id).Select(item => (Id: id, Item: item)));

        // Off xunit's synchronization context: FsCheck waits on each async case, and the handler's awaits must not need this thread.
        await Task.Run(() => Check.One(Cases(100), Prop.ForAll(Arb.From(items), async generated =>
        {
            var created = await harness.PostAsync($$$"""{"operation":"create","payload":{"Item":{{{generated.Item}}}}}""");
            var read = await harness.PostAsync($$$"""{"operation":"read","payload":{"Key":{"id":"{{{generated.Id}}}"},"ConsistentRead":true}}""");

            Assert.True(created.Status == 200, created.Raw);
            using var back = JsonDocument.Parse(read.Raw);
            AssertSameJson(generated.Item, back.RootElement.GetProperty("Item").GetRawText());
        })));
    }

    /// <summary>A fresh table shaped like the served one, so that generated items stay out of other tests' scans.</summary>
    private static async Task<ManagerHarness> OwnTableAsync()
    {
        var table = "properties-" + Guid.NewGuid().ToString("N");
        await (await SharedDynamoDbLocal.GetAsync()).CreateTableAsync(SharedDynamoDbLocal.TableNamed(table));
        return await ManagerHarness.LocalAsync(table);
    }

    /// <summary>JSON DynamoDB refuses: magnitudes out of its range, 39 significant digits, an empty attribute name.</summary>
    private static readonly Gen<string> Refused = Gen.Elements(
        "1e126", "-1e-131", "1e999", "1e-999", "123456789012345678901234567890123456789", "0.123456789012345678901234567890123456789", "{\"\":1}");

    /// <summary>
    /// Text where a JSON value goes: JSON-ish token soup (mostly invalid), any Unicode text, a valid
    /// value, or one holding something DynamoDB refuses or .NET cannot read (an unpaired surrogate escape).
    /// </summary>
    private static readonly Gen<string> AnyText = Gen.Frequency(
        (2, Gen.OneOf(Refused, Gen.Elements("{", "}", "[", "]", ",", ":", " ", "\"k\"", "\"\"", "1", "-0.5", "NaN", "\"x", "\"\\q\"", "\"\\u00e9\"", "\"\\ud800\"", "null", "true"))
            .ListOf().Select(string.Concat)),
        (1, Unicode),
        (1, Value(2, AttributeName)),
        (1, Value(1, AttributeName).Zip(Refused, (valid, refused) => $"[{valid},{refused}]")));

    /// <summary>
    /// Any text as an attribute's value, or as the whole request: a 200, or a 400 with a message
    /// (the body is not JSON, or DynamoDB's ValidationException); a direct invocation fails only with BadRequestException.
    /// </summary>
    [Fact]
    public async Task Any_text_is_a_200_or_a_400_message_and_never_another_failure()
    {
        var harness = await OwnTableAsync();
        var requests = AnyText.Zip(Gen.Elements(true, false), (text, asValue) =>
            asValue ? $$$$"""{"operation":"create","payload":{"Item":{"id":"{{{{ManagerHarness.NewId()}}}}","v":{{{{text}}}}}}}""" : text);

        await Task.Run(() => Check.One(Cases(300), Prop.ForAll(Arb.From(requests), Arb.From(Gen.Elements(true, false)), async (request, direct) =>
        {
            if (direct)
            {
                try { await harness.InvokeDirectAsync(request); }
                catch (BadRequestException) { }
                return;
            }
            var (status, body, raw) = await harness.PostAsync(request);
            Assert.True(status is 200 or 400, raw);
            if (status == 400) Assert.Equal(JsonValueKind.String, body!["message"]!.GetValueKind());
        })));
    }

    /// <summary>
    /// "\ud800" is valid JSON, but JsonElement.GetString (and a property's Name) throw
    /// InvalidOperationException on an unpaired surrogate escape: the converter makes it a BadRequest
    /// (this property found it as a 500 "Internal error").
    /// </summary>
    [Fact]
    public void An_unpaired_surrogate_escape_is_a_bad_request() => Check.One(Cases(100), Prop.ForAll(
        Arb.From(Gen.Choose(0xD800, 0xDFFF)), Arb.From(Gen.Choose(0, 2)),
        (surrogate, where) =>
        {
            var escape = $"\\u{surrogate:x4}";
            var document = where switch
            {
                0 => $$"""{"v":"{{escape}}"}""",
                1 => $$"""{"{{escape}}":1}""",
                _ => $$$"""{"m":{"k":["x{{{escape}}}"]}}""",
            };
            using var json = JsonDocument.Parse(document);
            Assert.Throws<BadRequestException>(() => AttributeValueJson.ToAttributeMap(json.RootElement));
        }));

    private static void AssertSameJson(string expected, string actual)
    {
        using var x = JsonDocument.Parse(expected);
        using var y = JsonDocument.Parse(actual);
        Assert.True(SameValue(x.RootElement, y.RootElement), $"sent {expected}\nback {actual}");
    }

    private static bool SameValue(JsonElement x, JsonElement y) => (x.ValueKind, y.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => DecimalValue(x.GetRawText()) == DecimalValue(y.GetRawText()),
        (JsonValueKind.String, JsonValueKind.String) => x.GetString() == y.GetString(),
        (JsonValueKind.Array, JsonValueKind.Array) => x.GetArrayLength() == y.GetArrayLength()
            && x.EnumerateArray().Zip(y.EnumerateArray()).All(pair => SameValue(pair.First, pair.Second)),
        (JsonValueKind.Object, JsonValueKind.Object) => x.EnumerateObject().Count() == y.EnumerateObject().Count()
            && x.EnumerateObject().All(p => y.TryGetProperty(p.Name, out var other) && SameValue(p.Value, other)),
        var (kx, ky) => kx == ky,
    };

    /// <summary>A number's exact value as (unscaled, exponent) with no trailing zeros: 1.50, 15e-1 and 0.15E1 are all (15, -1); -0 is 0.</summary>
    private static (BigInteger Unscaled, int Exponent) DecimalValue(string number)
    {
        var m = NumberSyntax().Match(number);
        var fraction = m.Groups["fraction"].Value;
        var unscaled = BigInteger.Parse(m.Groups["integer"].Value + fraction, CultureInfo.InvariantCulture);
        var exponent = (m.Groups["exponent"].Success ? int.Parse(m.Groups["exponent"].Value, CultureInfo.InvariantCulture) : 0) - fraction.Length;
        if (unscaled.IsZero) return (0, 0);
        while (unscaled % 10 == 0) (unscaled, exponent) = (unscaled / 10, exponent + 1);
        return (m.Groups["minus"].Success ? -unscaled : unscaled, exponent);
    }

    [GeneratedRegex(@"\A(?<minus>-)?(?<integer>[0-9]+)(\.(?<fraction>[0-9]+))?([eE](?<exponent>[+-]?[0-9]+))?\z")]
    private static partial Regex NumberSyntax();
}

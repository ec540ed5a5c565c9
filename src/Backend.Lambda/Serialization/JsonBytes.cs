using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Backend.Lambda.Serialization;

/// <summary>
/// The one way this codebase writes JSON by hand: a <see cref="Utf8JsonWriter"/> over a pooled-size buffer,
/// with the same escaping everywhere. Functions, the runtime's logger and the emulator all write through it.
/// </summary>
public static class JsonBytes
{
    /// <summary>
    /// JSON for HTTP bodies and logs, not HTML: '+', '&lt;' or 'é' are written as themselves, not as \u escapes,
    /// so <c>"op":"+"</c> reads as the caller sent it.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes JSON and returns its UTF-8 bytes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write, int capacity = 256) => Written(write, capacity).WrittenSpan.ToArray();

    /// <summary>Writes JSON and returns it as a string.</summary>
    public static string WriteString(Action<Utf8JsonWriter> write, int capacity = 256) =>
        Encoding.UTF8.GetString(Written(write, capacity).WrittenSpan);

    private static ArrayBufferWriter<byte> Written(Action<Utf8JsonWriter> write, int capacity)
    {
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return buffer;
    }
}

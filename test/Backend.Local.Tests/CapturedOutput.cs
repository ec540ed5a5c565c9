using System.Text;

namespace Backend.Local.Tests;

/// <summary>
/// What the emulator prints, captured for a test to read while the emulator still writes from other threads.
/// A StringWriter behind TextWriter.Synchronized is not enough: the writes are serialised, but reading
/// (ToString) is not, and a StringBuilder read while it grows throws or tears. Here both take one lock.
/// </summary>
public sealed class CapturedOutput : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_text) _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_text) _text.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_text) _text.Append(buffer);
    }

    // One append per line, so a line is never interleaved with another thread's.
    public override void WriteLine(string? value)
    {
        lock (_text) _text.Append(value).Append(CoreNewLine);
    }

    public override string ToString()
    {
        lock (_text) return _text.ToString();
    }
}

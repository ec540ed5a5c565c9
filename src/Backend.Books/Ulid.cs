using System.Security.Cryptography;

namespace Backend.Books;

/// <summary>
/// A ULID (https://github.com/ulid/spec): 48 bits of Unix time in milliseconds and 80 random bits, written as
/// 26 characters of Crockford base32, so ids sort by creation time as text. Only the canonical form is kept:
/// lower case is read as upper case; Crockford's aliases (I, L, O) and a first character above 7 (more than
/// 128 bits) are not ULIDs.
/// </summary>
public readonly record struct Ulid
{
    public const int Length = 26;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Ulid(string value) => Value = value;

    /// <summary>The canonical text: 26 upper-case characters.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    public static Ulid New(DateTimeOffset time)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return New(time, random);
    }

    /// <param name="random">Exactly 10 bytes (80 bits).</param>
    public static Ulid New(DateTimeOffset time, ReadOnlySpan<byte> random)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(random.Length, 10);
        var milliseconds = time.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        Span<char> text = stackalloc char[Length];
        for (var i = 9; i >= 0; i--, milliseconds >>= 5) text[i] = Alphabet[(int)(milliseconds & 31)];
        UInt128 bits = 0;
        foreach (var b in random) bits = (bits << 8) | b;
        for (var i = Length - 1; i >= 10; i--, bits >>= 5) text[i] = Alphabet[(int)(bits & 31)];
        return new Ulid(new string(text));
    }

    public static bool TryParse(string? text, out Ulid ulid)
    {
        ulid = default;
        if (text is not { Length: Length } || text[0] is < '0' or > '7') return false;
        Span<char> canonical = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            var c = char.ToUpperInvariant(text[i]);
            if (!Alphabet.Contains(c, StringComparison.Ordinal)) return false;
            canonical[i] = c;
        }
        ulid = new Ulid(new string(canonical));
        return true;
    }

    /// <summary>When the id was made (millisecond precision).</summary>
    public DateTimeOffset Time
    {
        get
        {
            long milliseconds = 0;
            foreach (var c in Value.AsSpan(0, 10)) milliseconds = (milliseconds << 5) | (uint)Alphabet.IndexOf(c, StringComparison.Ordinal);
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
    }
}

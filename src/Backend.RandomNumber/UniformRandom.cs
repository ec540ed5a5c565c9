using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Backend.RandomNumber;

/// <summary>Uniformly distributed 64-bit integers from the operating system's cryptographic generator.</summary>
public static class UniformRandom
{
    /// <summary>A value in [min, max], both inclusive, every value equally likely.</summary>
    public static long Next(long min, long max, Func<ulong>? source = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        var next = source ?? NextUInt64;
        var span = unchecked((ulong)(max - min)); // how many values there are, less one
        if (span == ulong.MaxValue) return unchecked((long)next());

        // Rejection sampling: 2^64 is not a multiple of the range size, so the lowest
        // (2^64 mod size) raw values would make some results likelier; draw again on those.
        var size = span + 1;
        var threshold = unchecked(0UL - size) % size;
        ulong raw;
        do raw = next(); while (raw < threshold);
        return unchecked(min + (long)(raw % size));
    }

    private static ulong NextUInt64()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}

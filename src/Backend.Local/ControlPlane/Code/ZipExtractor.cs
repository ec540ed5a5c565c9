using System.IO.Compression;

namespace Backend.Local.ControlPlane.Code;

/// <summary>
/// Extracts a checked zip into an empty folder, counting the bytes it inflates: the count, not the
/// entries' declared sizes, is what keeps a zip bomb from filling the disk.
/// </summary>
internal static class ZipExtractor
{
    private const int BufferBytes = 81_920;

    /// <summary>Extracts <paramref name="zip"/> into <paramref name="folder"/>, which it creates; a refusal leaves the folder partly written for the caller to delete.</summary>
    public static void ExtractTo(byte[] zip, string folder, long unzippedLimit)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            var plan = ExtractionPlan.Check(archive, unzippedLimit);
            Directory.CreateDirectory(folder);
            var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
            var buffer = new byte[BufferBytes];
            long inflated = 0;
            foreach (var entry in plan)
            {
                var target = Path.GetFullPath(Path.Combine(root, entry.RelativePath));
                // The plan already refused every escaping name; this is the last word before writing.
                if (!target.StartsWith(root, StringComparison.Ordinal)) throw CodeRejectedException.EscapingEntry(entry.Entry.FullName);

                if (entry.IsDirectory)
                {
                    Directory.CreateDirectory(target);
                    SetMode(target, entry.Mode);
                }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    inflated = WriteFile(entry, target, buffer, inflated, unzippedLimit);
                }
            }
        }
        catch (InvalidDataException)
        {
            // Not a zip, truncated, a corrupt deflate stream or a CRC mismatch: all the same to the user.
            throw CodeRejectedException.NotAZip();
        }
        catch (NotSupportedException)
        {
            // An encrypted entry or a compression method .NET does not inflate (LZMA, bzip2, …).
            throw CodeRejectedException.NotAZip();
        }
    }

    private static long WriteFile(PlannedEntry entry, string target, byte[] buffer, long inflated, long unzippedLimit)
    {
        using var source = entry.Entry.Open();
        using var file = new FileStream(target, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        });
        int read;
        long written = 0;
        uint crc = 0;
        while ((read = source.Read(buffer)) > 0)
        {
            // Checked before the chunk is written: the folder never holds more than the limit.
            inflated += read;
            if (inflated > unzippedLimit) throw CodeRejectedException.UnzippedTooLarge(unzippedLimit);
            file.Write(buffer, 0, read);
            written += read;
            crc = Crc32(crc, buffer.AsSpan(0, read));
        }
        // .NET stops inflating at the declared size and checks no CRC: an entry whose headers lie about its size
        // (a bomb in disguise) or whose data is damaged would be kept silently cut or wrong. Lambda refuses both.
        if (written != entry.Entry.Length || crc != entry.Entry.Crc32) throw CodeRejectedException.NotAZip();
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.SafeFileHandle, entry.Mode);
        // The folder is renamed into place next; without this, a crash could leave it there with empty files.
        file.Flush(flushToDisk: true);
        return inflated;
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>The zip format's CRC-32 (IEEE 802.3), continued from <paramref name="crc"/> over <paramref name="data"/>.</summary>
    private static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static void SetMode(string directory, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, mode);
    }
}

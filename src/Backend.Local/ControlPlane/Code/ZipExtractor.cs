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
        while ((read = source.Read(buffer)) > 0)
        {
            // Checked before the chunk is written: the folder never holds more than the limit.
            inflated += read;
            if (inflated > unzippedLimit) throw CodeRejectedException.UnzippedTooLarge(unzippedLimit);
            file.Write(buffer, 0, read);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.SafeFileHandle, entry.Mode);
        // The folder is renamed into place next; without this, a crash could leave it there with empty files.
        file.Flush(flushToDisk: true);
        return inflated;
    }

    private static void SetMode(string directory, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, mode);
    }
}

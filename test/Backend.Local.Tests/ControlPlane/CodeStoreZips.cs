using System.IO.Compression;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>The code store tests' zips, built in memory as zip tools on Unix would write them: modes in the external attributes' high bits.</summary>
internal static class CodeStoreZips
{
    public const int RegularFile = 0x8000; // S_IFREG
    public const int SymbolicLink = 0xA000; // S_IFLNK

    /// <summary>A zip of (name, content, st_mode) entries; a mode of 0 writes no Unix mode, as Windows tools do.</summary>
    public static byte[] Build(params (string Name, string Content, int Mode)[] entries)
    {
        var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = archive.CreateEntry(name);
                entry.ExternalAttributes = mode << 16;
                using var stream = entry.Open();
                stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
            }
        }
        return memory.ToArray();
    }

    public static byte[] Build(params string[] names) => Build([.. names.Select(n => (n, "x", 0))]);

    /// <summary>One entry of 300 MB of zeros, honestly declared: deflate squeezes it under 1 MB. Built once.</summary>
    public static byte[] Bomb => LazyBomb.Value;

    private static readonly Lazy<byte[]> LazyBomb = new(() =>
    {
        var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = archive.CreateEntry("zeros", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 300; i++) stream.Write(zeros);
        }
        return memory.ToArray();
    });

    /// <summary>
    /// One stored (uncompressed) entry of <paramref name="actualBytes"/> whose headers declare 1,000
    /// bytes: .NET reads a stored entry to its compressed size, so only counting what is read catches it.
    /// </summary>
    public static byte[] LyingAboutItsSize(int actualBytes)
    {
        var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = archive.CreateEntry("liar", CompressionLevel.NoCompression).Open();
            stream.Write(new byte[actualBytes]);
        }
        var zip = memory.ToArray();
        const int LocalUncompressedSize = 22, CentralUncompressedSize = 24;
        BitConverter.TryWriteBytes(zip.AsSpan(LocalUncompressedSize), 1000u);
        BitConverter.TryWriteBytes(zip.AsSpan(CentralDirectoryHeader(zip) + CentralUncompressedSize), 1000u);
        return zip;
    }

    private static int CentralDirectoryHeader(byte[] zip)
    {
        ReadOnlySpan<byte> signature = [0x50, 0x4B, 0x01, 0x02];
        return zip.AsSpan().LastIndexOf(signature);
    }
}

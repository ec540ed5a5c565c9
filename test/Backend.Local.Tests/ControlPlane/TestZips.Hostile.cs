using System.Collections.Concurrent;
using System.IO.Compression;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>Packages a control plane must refuse without harm.</summary>
public static partial class TestZips
{
    private static readonly ConcurrentDictionary<long, byte[]> Bombs = new();

    /// <summary>
    /// One entry of <paramref name="inflatedBytes"/> zeros, deflated as small as it goes (about 1/1000):
    /// small to upload, large to unpack. Compressing a gigabyte takes seconds, so each size is built once.
    /// </summary>
    public static byte[] Bomb(long inflatedBytes) => (byte[])Bombs.GetOrAdd(inflatedBytes, BuildBomb).Clone();

    private static byte[] BuildBomb(long inflatedBytes)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry("bootstrap", CompressionLevel.SmallestSize);
            SetUnixFile(entry, ExecutableMode);
            using var stream = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (var left = inflatedBytes; left > 0; left -= zeros.Length)
                stream.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
        }
        return buffer.ToArray();
    }

    /// <summary>A zip whose end-of-central-directory record is cut off: it starts like a zip, but no reader can open it.</summary>
    public static byte[] Corrupt()
    {
        var whole = ShellEchoBootstrap("corrupt");
        return whole[..(whole.Length - 30)];
    }

    /// <summary>
    /// A working bootstrap plus one entry named <paramref name="entryName"/> (e.g. "../escaped", "/etc/x"):
    /// extracting it naively would write outside the function's folder.
    /// </summary>
    public static byte[] Escaping(string entryName) =>
        Zip([new ZipFileEntry("bootstrap", ShellEchoScript("escaping"), ExecutableMode), new ZipFileEntry(entryName, "escaped\n")]);
}

using System.IO.Compression;

namespace Backend.RuntimeBench;

/// <summary>
/// What Lambda would be given for a target: some files, zipped as a deployment package, and what they are. The files
/// are listed only when zipped, after the target ran (a target left out by BENCH_ONLY needs no folder).
/// </summary>
public sealed record Package(string What, IEnumerable<(string Entry, string File)> Files)
{
    /// <summary>Every file under <paramref name="folder"/>, at the zip's root (a managed publish folder).</summary>
    public static Package Folder(string what, string folder) => new(what, Under(folder, ""));

    /// <summary>One file at the zip's root (a native bootstrap, without its .dbg and .pdb).</summary>
    public static Package File(string what, string file) => new(what, [(Path.GetFileName(file), file)]);

    /// <summary>Several folders, each under its own prefix (a Node.js function folder and the node_modules beside it).</summary>
    public static Package Folders(string what, params (string Folder, string Prefix)[] folders) =>
        new(what, folders.SelectMany(f => Under(f.Folder, f.Prefix)));

    /// <summary>The size of the zip, deflated as `dotnet lambda package` and most zip tools do.</summary>
    public long ZipBytes()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (entry, file) in Files)
                archive.CreateEntryFromFile(file, entry, CompressionLevel.Optimal);
        return zip.Length;
    }

    private static IEnumerable<(string Entry, string File)> Under(string folder, string prefix)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return (prefix + Path.GetRelativePath(folder, file).Replace('\\', '/'), file);
    }
}

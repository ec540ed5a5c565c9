using System.Security.Cryptography;

namespace Backend.Local.ControlPlane.Code;

/// <summary>
/// The code packages of the local control plane, named by the SHA-256 of their zip: <c>root/&lt;hex&gt;.zip</c>
/// as uploaded and <c>root/&lt;hex&gt;/</c> extracted. A package appears whole or not at all: it is
/// extracted into <c>root/.tmp-&lt;guid&gt;/</c> and renamed into place, and a refused zip leaves nothing.
/// </summary>
public sealed class CodeStore
{
    private const string TempPrefix = ".tmp-";

    private readonly string _root;
    private readonly long _unzippedLimit;

    // One lock for the whole store: uploads are rare and a local emulator has few, and it keeps
    // RemoveExcept from deleting the temp folder of a Store in progress. Another process storing the
    // same content is handled at the final rename.
    private readonly Lock _gate = new();

    public CodeStore(string root) : this(root, CodeLimits.UnzippedBytes) { }

    /// <summary>A store with a smaller unzipped limit, so tests reach it without writing 250 MB.</summary>
    internal CodeStore(string root, long unzippedLimit)
    {
        _root = Path.GetFullPath(root);
        _unzippedLimit = unzippedLimit;
    }

    /// <summary>
    /// Stores a zip as uploaded by <paramref name="operation"/> (CreateFunction or UpdateFunctionCode,
    /// named in the size refusal), or returns the package already stored with the same content.
    /// </summary>
    /// <exception cref="CodeRejectedException">Lambda would refuse this zip; nothing was written.</exception>
    public CodePackage Store(byte[] zip, string operation)
    {
        ArgumentNullException.ThrowIfNull(zip);
        if (zip.Length > CodeLimits.ZippedBytes) throw CodeRejectedException.ZipTooLarge(operation);
        var hex = Convert.ToHexStringLower(SHA256.HashData(zip));

        lock (_gate)
        {
            if (Find(hex) is { } stored) return stored;

            Directory.CreateDirectory(_root);
            var temp = Path.Combine(_root, TempPrefix + Guid.NewGuid().ToString("N"));
            var tempZip = temp + ".zip";
            try
            {
                ZipExtractor.ExtractTo(zip, temp, _unzippedLimit);
                WriteDurably(tempZip, zip);
                // The zip first, the folder last: a folder in place means its package is complete.
                File.Move(tempZip, ZipPathOf(hex), overwrite: true);
                try
                {
                    Directory.Move(temp, DirectoryOf(hex));
                }
                catch (IOException) when (Directory.Exists(DirectoryOf(hex)))
                {
                    // Another process stored the same content first: same bytes, so its folder is as good.
                }
                return Package(hex, zip.Length);
            }
            finally
            {
                DeleteIfPresent(temp);
                DeleteIfPresent(tempZip);
            }
        }
    }

    /// <summary>The package stored under <paramref name="sha256Hex"/>, or null.</summary>
    public CodePackage? Find(string sha256Hex)
    {
        // The name becomes a path: anything but a digest is simply not found.
        if (!IsSha256Hex(sha256Hex)) return null;
        var hex = sha256Hex.ToLowerInvariant();
        var zip = new FileInfo(ZipPathOf(hex));
        return Directory.Exists(DirectoryOf(hex)) && zip.Exists ? Package(hex, zip.Length) : null;
    }

    /// <summary>
    /// Deletes every package not in <paramref name="keepSha256Hex"/> and whatever an interrupted Store
    /// left behind; for startup, once the functions' packages are known. Returns how many were removed.
    /// </summary>
    public int RemoveExcept(IReadOnlySet<string> keepSha256Hex)
    {
        ArgumentNullException.ThrowIfNull(keepSha256Hex);
        var keep = new HashSet<string>(keepSha256Hex, StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            if (!Directory.Exists(_root)) return 0;
            var removed = 0;
            foreach (var folder in Directory.EnumerateDirectories(_root))
            {
                var name = Path.GetFileName(folder);
                if (name.StartsWith(TempPrefix, StringComparison.Ordinal))
                {
                    DeleteIfPresent(folder);
                    removed++;
                }
                else if (IsSha256Hex(name) && !keep.Contains(name))
                {
                    RemovePackage(folder);
                    removed++;
                }
            }
            foreach (var file in Directory.EnumerateFiles(_root))
            {
                var name = Path.GetFileName(file);
                // A zip without its folder is an interrupted Store's; with its folder it went with the package above.
                var orphanZip = name.EndsWith(".zip", StringComparison.Ordinal) && IsSha256Hex(name[..^4]) && !keep.Contains(name[..^4]);
                if (name.StartsWith(TempPrefix, StringComparison.Ordinal) || orphanZip)
                {
                    File.Delete(file);
                    removed++;
                }
            }
            return removed;
        }
    }

    private void RemovePackage(string folder)
    {
        // Renamed away first, so an interrupted delete never leaves a half package that Find would return.
        var doomed = Path.Combine(_root, TempPrefix + Guid.NewGuid().ToString("N"));
        Directory.Move(folder, doomed);
        File.Delete(folder + ".zip");
        Directory.Delete(doomed, recursive: true);
    }

    private CodePackage Package(string hex, long size) =>
        new(hex, Convert.ToBase64String(Convert.FromHexString(hex)), size, DirectoryOf(hex), ZipPathOf(hex));

    private string DirectoryOf(string hex) => Path.Combine(_root, hex);

    private string ZipPathOf(string hex) => Path.Combine(_root, hex + ".zip");

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    private static void DeleteIfPresent(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
    }

    private static bool IsSha256Hex(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigit);
}

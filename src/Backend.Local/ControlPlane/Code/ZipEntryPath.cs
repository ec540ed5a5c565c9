namespace Backend.Local.ControlPlane.Code;

/// <summary>
/// A zip entry's name as a path relative to the function's folder, or a refusal: the name is
/// untrusted input that becomes a file path, so anything that could step outside is refused.
/// </summary>
internal static class ZipEntryPath
{
    /// <summary>
    /// The entry's path with '/' separators, without empty or '.' segments, and whether it names a
    /// folder (a trailing separator). An empty path is the function's folder itself.
    /// </summary>
    public static (string Path, bool IsDirectory) Normalize(string entryName)
    {
        // Zips made on Windows may separate with '\': on Linux it would be part of a file name, so
        // it is read as a separator, which also exposes "..\evil".
        var name = entryName.Replace('\\', '/');
        if (name.Length == 0 || name.Contains('\0') || name.StartsWith('/') || HasDriveLetter(name))
            throw CodeRejectedException.EscapingEntry(entryName);

        var segments = new List<string>();
        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or ".") continue;
            // Any "..", even one that stays inside ("a/../b"): no zip tool writes it, so it is an attack.
            if (segment == "..") throw CodeRejectedException.EscapingEntry(entryName);
            segments.Add(segment);
        }
        return (string.Join('/', segments), name.EndsWith('/'));
    }

    private static bool HasDriveLetter(string name) => name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0]);
}

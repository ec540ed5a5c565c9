using System.IO.Compression;

namespace Backend.Local.ControlPlane.Code;

/// <summary>One entry to extract: where it goes, relative to the function's folder, and with which mode.</summary>
internal sealed record PlannedEntry(ZipArchiveEntry Entry, string RelativePath, bool IsDirectory, UnixFileMode Mode);

/// <summary>
/// Every entry of a zip checked before anything is written: names that escape, symbolic links,
/// paths used twice, and declared sizes over the limit. A refusal here costs no disk at all.
/// </summary>
internal static class ExtractionPlan
{
    public static IReadOnlyList<PlannedEntry> Check(ZipArchive archive, long unzippedLimit)
    {
        var planned = new List<PlannedEntry>();
        var files = new HashSet<string>(StringComparer.Ordinal);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        long declared = 0;

        foreach (var entry in archive.Entries)
        {
            var (path, isDirectory) = ZipEntryPath.Normalize(entry.FullName);
            if (ZipEntryMode.IsSymbolicLink(entry)) throw CodeRejectedException.SymlinkEntry(entry.FullName);
            if (path.Length == 0) continue; // "./": the function's folder itself.

            // Declared sizes can lie, so extraction counts what it inflates; but an honest bomb is
            // refused here, before a byte is written.
            declared += entry.Length;
            if (declared > unzippedLimit) throw CodeRejectedException.UnzippedTooLarge(unzippedLimit);

            if (isDirectory)
            {
                if (files.Contains(path)) throw CodeRejectedException.DuplicateEntry(entry.FullName);
                directories.Add(path);
                planned.Add(new PlannedEntry(entry, path, true, ZipEntryMode.ForDirectory(entry)));
            }
            else
            {
                if (directories.Contains(path) || !files.Add(path)) throw CodeRejectedException.DuplicateEntry(entry.FullName);
                planned.Add(new PlannedEntry(entry, path, false, ZipEntryMode.ForFile(entry)));
            }
            foreach (var parent in Parents(path))
            {
                // "a" as a file and "a/b" below it cannot both exist on disk.
                if (files.Contains(parent)) throw CodeRejectedException.DuplicateEntry(entry.FullName);
                directories.Add(parent);
            }
        }
        return planned;
    }

    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            yield return path[..slash];
    }
}

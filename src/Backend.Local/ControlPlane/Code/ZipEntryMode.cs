using System.IO.Compression;

namespace Backend.Local.ControlPlane.Code;

/// <summary>
/// What a zip entry's Unix mode says: zip tools on Unix store <c>st_mode</c> in the high 16 bits of
/// the external attributes; Windows tools leave them zero.
/// </summary>
internal static class ZipEntryMode
{
    private const uint TypeMask = 0xF000;
    private const uint SymbolicLink = 0xA000;
    private const uint PermissionBits = 0x1FF; // 0777: setuid, setgid and sticky are not restored.

    private const UnixFileMode DefaultFile =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead; // 0644

    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute; // 0700

    private const UnixFileMode DefaultDirectory = OwnerAll |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute; // 0755

    // Cast before shifting: the attributes are an int, and a mode with the high bit set must not sign-extend.
    private static uint StMode(ZipArchiveEntry entry) => (uint)entry.ExternalAttributes >> 16;

    public static bool IsSymbolicLink(ZipArchiveEntry entry) => (StMode(entry) & TypeMask) == SymbolicLink;

    /// <summary>The entry's 0777 bits, so a <c>bootstrap</c> zipped with <c>chmod +x</c> stays executable; 0644 without any.</summary>
    public static UnixFileMode ForFile(ZipArchiveEntry entry)
    {
        var bits = StMode(entry) & PermissionBits;
        return bits == 0 ? DefaultFile : (UnixFileMode)bits;
    }

    /// <summary>
    /// The entry's 0777 bits, always with the owner's rwx: the store must write the folder's files
    /// and be able to delete the package later. 0755 without any.
    /// </summary>
    public static UnixFileMode ForDirectory(ZipArchiveEntry entry)
    {
        var bits = StMode(entry) & PermissionBits;
        return bits == 0 ? DefaultDirectory : (UnixFileMode)bits | OwnerAll;
    }
}

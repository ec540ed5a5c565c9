using System.IO.Compression;
using System.Net;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// Hostile and broken packages in CreateFunction: refused with Lambda's error before anything is kept, no file
/// lands outside the store, no temp folder stays behind, and the server goes on serving.
/// </summary>
[Collection("control plane server")]
public sealed class ControlPlaneBadInputZipTests(ControlPlaneServerFixture fixture)
{
    private const string InvalidParameter = "InvalidParameterValueException";
    private readonly ControlPlaneBadInputChecks _checks = new(fixture);

    private Task<string> RefusedAsync(string prefix, byte[] zip, string? message) =>
        RefusedAsync(prefix, zip, message, out _);

    private Task<string> RefusedAsync(string prefix, byte[] zip, string? message, out string name)
    {
        name = ControlPlaneBadInputChecks.UniqueName(prefix);
        var body = ControlPlaneBadInputChecks.CreateRequest(name, zip).ToJsonString();
        return _checks.AssertCreateRefusedAsync(name, body, HttpStatusCode.BadRequest, InvalidParameter, message);
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_with_Lambdas_unzipped_size_message()
    {
        await RefusedAsync("bomb", TestZips.Bomb(300L * 1024 * 1024), "Unzipped size must be smaller than 262144000 bytes");
    }

    [Fact]
    public async Task A_zip_bomb_that_lies_about_its_size_is_refused_as_a_bad_zip_not_kept_cut_short()
    {
        // The headers claim 1 KB: inflating stops there, so what was read does not match the entry's CRC.
        // Kept, it would be a 1 KB bootstrap of zeros; Lambda's unzip refuses such a file.
        await RefusedAsync("lying-bomb", LyingAboutSize(TestZips.Bomb(300L * 1024 * 1024), claimed: 1024),
            "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    [Fact]
    public async Task A_corrupt_zip_is_refused_with_Lambdas_message()
    {
        await RefusedAsync("corrupt", TestZips.Corrupt(), "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    [Fact]
    public async Task An_entry_climbing_out_with_dot_dot_is_refused_by_name_and_lands_nowhere()
    {
        var evil = $"evil-{Guid.NewGuid():N}";
        await RefusedAsync("dotdot", TestZips.Escaping("../" + evil), $"Zip entry '../{evil}' escapes the function's folder: refused, nothing was written");
        AssertNowhere(evil);
    }

    [Fact]
    public async Task An_absolute_entry_is_refused_by_name_and_lands_nowhere()
    {
        var evil = Path.Combine(Path.GetTempPath(), $"evil-{Guid.NewGuid():N}");
        await RefusedAsync("absolute", TestZips.Escaping(evil), $"Zip entry '{evil}' escapes the function's folder: refused, nothing was written");
        Assert.False(File.Exists(evil));
        AssertNowhere(Path.GetFileName(evil));
    }

    [Fact]
    public async Task A_symbolic_link_entry_is_refused_by_name()
    {
        var zip = TestZips.Zip([new ZipFileEntry("bootstrap", TestZips.ShellEchoScript("symlink"), TestZips.ExecutableMode)]);
        await RefusedAsync("symlink", WithSymlink(zip, "passwd", "../../../../../../etc/passwd"),
            "Zip entry 'passwd' is a symbolic link: refused, nothing was written");
        AssertNowhere("passwd");
    }

    [Fact]
    public async Task An_entry_name_the_file_system_cannot_hold_is_refused_as_a_bad_zip()
    {
        var zip = TestZips.Zip([
            new ZipFileEntry("bootstrap", TestZips.ShellEchoScript("long"), TestZips.ExecutableMode),
            new ZipFileEntry(new string('a', 300) + ".txt", "x"),
        ]);
        var message = await RefusedAsync("long-name", zip, null);
        Assert.StartsWith("Could not unzip uploaded file", message);
    }

    /// <summary>No file or folder named <paramref name="name"/> in the Lambda folder, its code store, or beside them.</summary>
    private void AssertNowhere(string name)
    {
        var lambda = fixture.Server.LambdaDirectory;
        foreach (var folder in new[] { lambda, _checks.CodeFolder, Path.GetDirectoryName(lambda)! })
            Assert.False(Path.Exists(Path.Combine(folder, name)), $"{name} appeared in {folder}");
        if (Directory.Exists(lambda))
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(lambda, "*", SearchOption.AllDirectories), path => Path.GetFileName(path) == name);
    }

    /// <summary><paramref name="zip"/> plus an entry <paramref name="link"/> that is a symbolic link (S_IFLNK) to <paramref name="target"/>, as Info-ZIP stores one.</summary>
    private static byte[] WithSymlink(byte[] zip, string link, string target)
    {
        using var buffer = new MemoryStream();
        buffer.Write(zip);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.CreateEntry(link);
            entry.ExternalAttributes = (0xA000 | 0x1FF) << 16;
            using var stream = entry.Open();
            stream.Write(System.Text.Encoding.UTF8.GetBytes(target));
        }
        return buffer.ToArray();
    }

    /// <summary>The single-entry <paramref name="zip"/> with its uncompressed size rewritten to <paramref name="claimed"/> in both headers.</summary>
    private static byte[] LyingAboutSize(byte[] zip, uint claimed)
    {
        var bytes = (byte[])zip.Clone();
        // Local file header (PK\3\4): uncompressed size at offset 22. Central directory header (PK\1\2): at offset 24.
        Patch(bytes, [0x50, 0x4B, 0x03, 0x04], 22, claimed);
        Patch(bytes, [0x50, 0x4B, 0x01, 0x02], 24, claimed);
        return bytes;
    }

    private static void Patch(byte[] bytes, byte[] signature, int offset, uint value)
    {
        var at = bytes.AsSpan().IndexOf(signature);
        Assert.True(at >= 0, "header not found");
        BitConverter.TryWriteBytes(bytes.AsSpan(at + offset, 4), value);
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using Backend.Local.ControlPlane.Code;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>The control plane's code packages: what a zip becomes on disk, and every zip Lambda would refuse leaving nothing.</summary>
public sealed class CodeStoreTests : IDisposable
{
    private const string BadParameter = "InvalidParameterValueException";
    private const int Executable = CodeStoreZips.RegularFile | 0b111_101_101; // 0755
    private const int ReadOnlyForOthers = CodeStoreZips.RegularFile | 0b110_100_100; // 0644

    private readonly string _root = Path.Combine(Path.GetTempPath(), "codestore-tests-" + Guid.NewGuid().ToString("N"));
    private readonly CodeStore _store;

    public CodeStoreTests()
    {
        Directory.CreateDirectory(_root);
        _store = new CodeStore(_root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix modes are what this checks
    public void A_zip_is_extracted_with_its_content_folders_and_modes()
    {
        var zip = CodeStoreZips.Build(
            ("bootstrap", "#!/bin/sh", Executable),
            ("lib/nested/data.txt", "nested", ReadOnlyForOthers),
            ("from-windows.txt", "no mode", 0),
            ("empty/", "", 0));

        var package = _store.Store(zip, "CreateFunction");

        Assert.Equal(Path.Combine(_root, package.Sha256Hex), package.Directory);
        Assert.Equal("#!/bin/sh", File.ReadAllText(Path.Combine(package.Directory, "bootstrap")));
        Assert.Equal("nested", File.ReadAllText(Path.Combine(package.Directory, "lib", "nested", "data.txt")));
        Assert.True(Directory.Exists(Path.Combine(package.Directory, "empty")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(package.Directory, "bootstrap")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(package.Directory, "from-windows.txt")));
        Assert.Equal(zip, File.ReadAllBytes(package.ZipPath));
    }

    [Fact]
    public void The_package_is_named_and_sized_as_Lambda_reports_it()
    {
        var zip = CodeStoreZips.Build("index.js");

        var package = _store.Store(zip, "CreateFunction");

        Assert.Equal(Convert.ToBase64String(SHA256.HashData(zip)), package.CodeSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zip)), package.Sha256Hex);
        Assert.Equal(zip.Length, package.CodeSize);
        Assert.Equal(package, _store.Find(package.Sha256Hex));
    }

    [Fact]
    public void The_same_zip_stored_twice_is_the_same_package_extracted_once()
    {
        var zip = CodeStoreZips.Build("index.js");
        var first = _store.Store(zip, "CreateFunction");
        var marker = Path.Combine(first.Directory, "marker");
        File.WriteAllText(marker, "");
        var longAgo = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first.ZipPath, longAgo);

        var second = _store.Store(zip, "UpdateFunctionCode");

        Assert.Equal(first, second);
        Assert.True(File.Exists(marker), "the second Store extracted again over the first");
        Assert.Equal(longAgo, File.GetLastWriteTimeUtc(first.ZipPath)); // nor wrote the zip again
        Assert.Equal([first.Sha256Hex, first.Sha256Hex + ".zip"], TopLevel());
    }

    [Fact]
    public void Concurrent_stores_of_the_same_zip_all_succeed_with_one_package()
    {
        var zip = CodeStoreZips.Build(("bootstrap", "#!/bin/sh", Executable), ("lib/a.txt", "a", 0));

        var packages = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => _store.Store(zip, "CreateFunction")).ToList();

        Assert.Single(packages.Distinct());
        Assert.Equal([packages[0].Sha256Hex, packages[0].Sha256Hex + ".zip"], TopLevel());
    }

    [Fact]
    public void A_folder_another_process_renamed_into_place_first_is_taken_as_the_package()
    {
        // Another emulator on the same root won the race between this Store's zip and its rename.
        var zip = CodeStoreZips.Build("index.js");
        var hex = Convert.ToHexStringLower(SHA256.HashData(zip));
        Directory.CreateDirectory(Path.Combine(_root, hex));
        File.WriteAllText(Path.Combine(_root, hex, "theirs"), "");

        var package = _store.Store(zip, "CreateFunction");

        Assert.True(File.Exists(Path.Combine(package.Directory, "theirs")));
        Assert.Equal([hex, hex + ".zip"], TopLevel());
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused()
    {
        AssertRefusedLeavingNothing(System.Text.Encoding.UTF8.GetBytes("this is not a zip file at all"),
            400, BadParameter, "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    [Fact]
    public void A_truncated_zip_is_refused()
    {
        var zip = CodeStoreZips.Build(("index.js", new string('x', 10_000), 0));

        AssertRefusedLeavingNothing(zip[..(zip.Length / 2)],
            400, BadParameter, "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    [Fact]
    public void A_zip_whose_data_is_corrupt_is_refused_after_extraction_began()
    {
        // The first entry extracts; the second's deflate stream is broken, which only reading it finds.
        var zip = CodeStoreZips.Build(("a.txt", "fine", 0), ("b.txt", new string('b', 4096), 0));
        var header = zip.AsSpan().IndexOf("b.txt"u8) - 30; // its local file header
        var data = header + 30 + BitConverter.ToUInt16(zip, header + 26) + BitConverter.ToUInt16(zip, header + 28);
        zip[data] = 0xFF; // a final block of the reserved type 11

        AssertRefusedLeavingNothing(zip,
            400, BadParameter, "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("/etc/evil")]
    [InlineData("a/../../evil")]
    [InlineData("a/../b")]
    [InlineData("..\\evil")]
    [InlineData("C:\\evil")]
    [InlineData("\\\\server\\share\\evil")]
    public void An_entry_that_escapes_its_folder_is_refused(string name)
    {
        // Refused while checking the names, before anything is written, not by the extractor's last check.
        Assert.Throws<CodeRejectedException>(() => ZipEntryPath.Normalize(name));
        // A harmless entry first: the refusal must come before anything, not only before the bad entry.
        AssertRefusedLeavingNothing(CodeStoreZips.Build("index.js", name),
            400, BadParameter, $"Zip entry '{name}' escapes the function's folder: refused, nothing was written");
    }

    [Fact]
    public void A_symbolic_link_is_refused()
    {
        var zip = CodeStoreZips.Build(("index.js", "", 0), ("link", "/etc/passwd", CodeStoreZips.SymbolicLink | 0b111_111_111));

        AssertRefusedLeavingNothing(zip,
            400, BadParameter, "Zip entry 'link' is a symbolic link: refused, nothing was written");
    }

    [Theory]
    [InlineData("index.js", "index.js")]
    [InlineData("index.js", "./index.js")]
    [InlineData("lib", "lib/a.js")]
    [InlineData("lib/a.js", "lib")]
    [InlineData("lib/", "lib")]
    public void Two_entries_for_one_path_are_refused(string first, string second)
    {
        AssertRefusedLeavingNothing(CodeStoreZips.Build(first, second),
            400, BadParameter, $"Zip entry '{second}' names a path another entry already uses: refused, nothing was written");
    }

    [Fact]
    public void A_zip_bomb_is_refused_with_Lambdas_unzipped_size_message()
    {
        Assert.True(CodeStoreZips.Bomb.Length < 1_000_000);

        AssertRefusedLeavingNothing(CodeStoreZips.Bomb, 400, BadParameter, "Unzipped size must be smaller than 262144000 bytes");
    }

    [Fact]
    public void A_bomb_that_declares_its_size_is_refused_before_anything_is_inflated()
    {
        using var archive = new ZipArchive(new MemoryStream(CodeStoreZips.Bomb), ZipArchiveMode.Read);

        var refused = Assert.Throws<CodeRejectedException>(() => ExtractionPlan.Check(archive, CodeLimits.UnzippedBytes));

        Assert.Equal("Unzipped size must be smaller than 262144000 bytes", refused.Message);
    }

    [Fact]
    public void A_zip_that_lies_about_its_sizes_is_refused_by_counting_what_it_inflates()
    {
        const int Limit = 1_000_000;
        var store = new CodeStore(_root, Limit);
        var zip = CodeStoreZips.LyingAboutItsSize(2 * Limit);
        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
            Assert.Equal(1000, archive.Entries.Single().Length);

        var refused = Assert.Throws<CodeRejectedException>(() => store.Store(zip, "CreateFunction"));

        Assert.Equal((400, BadParameter, $"Unzipped size must be smaller than {Limit} bytes"), (refused.Status, refused.ErrorType, refused.Message));
        Assert.Empty(Listing());
    }

    [Theory]
    [InlineData("CreateFunction")]
    [InlineData("UpdateFunctionCode")]
    public void A_zip_over_50_MB_is_refused_before_it_is_read(string operation)
    {
        var tooLarge = new byte[CodeLimits.ZippedBytes + 1];
        Random.Shared.NextBytes(tooLarge);

        var refused = Assert.Throws<CodeRejectedException>(() => _store.Store(tooLarge, operation));

        Assert.Equal((413, "RequestEntityTooLargeException", $"Request must be smaller than 70167211 bytes for the {operation} operation"),
            (refused.Status, refused.ErrorType, refused.Message));
        Assert.Empty(Listing());
    }

    [Fact]
    public void RemoveExcept_keeps_the_referenced_packages_and_removes_the_rest_and_temp_leftovers()
    {
        var kept = _store.Store(CodeStoreZips.Build("kept.js"), "CreateFunction");
        var dropped = _store.Store(CodeStoreZips.Build("dropped.js"), "CreateFunction");
        var orphan = _store.Store(CodeStoreZips.Build("orphan.js"), "CreateFunction");
        Directory.Delete(orphan.Directory, recursive: true); // a zip whose folder never made it
        Directory.CreateDirectory(Path.Combine(_root, ".tmp-interrupted", "lib"));
        File.WriteAllText(Path.Combine(_root, ".tmp-interrupted.zip"), "");
        File.WriteAllText(Path.Combine(_root, "README"), "not the store's");

        var removed = _store.RemoveExcept(new HashSet<string> { kept.Sha256Hex.ToUpperInvariant() });

        Assert.Equal(4, removed);
        Assert.Equal(new[] { "README", kept.Sha256Hex, kept.Sha256Hex + ".zip" }.Order(StringComparer.Ordinal), TopLevel());
        Assert.Equal(kept, _store.Find(kept.Sha256Hex));
        Assert.Null(_store.Find(dropped.Sha256Hex));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../../../../../../../../../../../../../../../../../../../../../etc")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void Find_returns_null_for_anything_not_stored(string name) => Assert.Null(_store.Find(name));

    private void AssertRefusedLeavingNothing(byte[] zip, int status, string errorType, string message)
    {
        var before = Listing();

        var refused = Assert.Throws<CodeRejectedException>(() => _store.Store(zip, "CreateFunction"));

        Assert.Equal((status, errorType, message), (refused.Status, refused.ErrorType, refused.Message));
        Assert.Equal(before, Listing());
    }

    /// <summary>The root's own entries: packages, their zips and anything else, sorted.</summary>
    private string[] TopLevel() =>
        [.. Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Everything under the root, recursively, as sorted relative paths.</summary>
    private string[] Listing() =>
        [.. Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_root, path)).Order(StringComparer.Ordinal)];
}

namespace Backend.Local.Tests.Native;

/// <summary>
/// Our ELF reader agrees with binutils' readelf on a real binary and on a synthetic one, and the provided.al2023
/// check flags what would fail to load there. The native bootstraps themselves are checked where they are built.
/// </summary>
public sealed class ElfFileTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("elf-tests-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Reads_a_system_binary_as_readelf_does()
    {
        // The test process's own executable (dotnet or testhost): always there, always linked against glibc.
        string binary = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var elf = ElfFile.Read(binary);

        Assert.Contains("libc.so.6", elf.Needed);
        var libc = Assert.Single(elf.VersionNeeds, n => n.Library == "libc.so.6");
        Assert.Contains(libc.Versions, v => v.StartsWith("GLIBC_2.", StringComparison.Ordinal));
        await AssertReadelfAgrees(binary, elf);
    }

    [Fact]
    public async Task Reads_back_the_needs_of_a_synthetic_file()
    {
        VersionNeed[] versionNeeds = [new("libm.so.6", ["GLIBC_2.2.5", "GLIBC_2.29"]), new("libc.so.6", ["GLIBC_2.2.5", "GLIBC_2.34"])];
        string path = Write(["libm.so.6", "libc.so.6", "ld-linux-x86-64.so.2"], versionNeeds);

        var elf = ElfFile.Read(path);

        Assert.Equal(["libm.so.6", "libc.so.6", "ld-linux-x86-64.so.2"], elf.Needed);
        Assert.Equal(Describe(versionNeeds), Describe(elf.VersionNeeds));
        await AssertReadelfAgrees(path, elf);
    }

    [Theory]
    [InlineData("GLIBC_2.2.5", false)]
    [InlineData("GLIBC_2.4", false)]  // a text comparison would put "2.4" after "2.34"
    [InlineData("GLIBC_2.34", false)]
    [InlineData("GLIBC_2.35", true)]
    [InlineData("GLIBC_2.38", true)]
    [InlineData("GLIBC_2.99", true)]
    [InlineData("GLIBC_PRIVATE", true)]
    public void Flags_a_glibc_version_provided_al2023_lacks(string version, bool flagged)
    {
        string path = Write(["libc.so.6"], [new("libc.so.6", ["GLIBC_2.2.5", version])]);

        var problems = Al2023Compatibility.Problems(path);

        if (flagged) Assert.Contains(version, Assert.Single(problems), StringComparison.Ordinal);
        else Assert.Empty(problems);
    }

    [Fact]
    public void Flags_a_library_provided_al2023_lacks()
    {
        string path = Write(["libfoo.so.1", "libc.so.6"], [new("libc.so.6", ["GLIBC_2.2.5"])]);

        Assert.Contains("libfoo.so.1", Assert.Single(Al2023Compatibility.Problems(path)), StringComparison.Ordinal);
    }

    [Fact]
    public void Passes_a_file_that_needs_only_what_provided_al2023_has()
    {
        string path = Write(["libm.so.6", "libc.so.6", "ld-linux-x86-64.so.2"],
            [new("libm.so.6", ["GLIBC_2.2.5"]), new("libc.so.6", ["GLIBC_2.2.5", "GLIBC_2.14", "GLIBC_2.34"]), new("ld-linux-x86-64.so.2", ["GLIBC_2.3"])]);

        Assert.Empty(Al2023Compatibility.Problems(path));
    }

    [Fact]
    public void Rejects_a_file_that_is_not_elf_or_is_cut_short()
    {
        byte[] synthetic = SyntheticElf.Build(["libc.so.6"], []);

        Assert.Throws<InvalidDataException>(() => ElfFile.Parse("#!/bin/sh\necho not elf\n"u8.ToArray()));
        Assert.Throws<InvalidDataException>(() => ElfFile.Parse(synthetic[..^32])); // the last section header runs past the end
    }

    string Write(IReadOnlyList<string> needed, IReadOnlyList<VersionNeed> versionNeeds)
    {
        string path = Path.Combine(directory, $"synthetic-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, SyntheticElf.Build(needed, versionNeeds));
        return path;
    }

    /// <summary>Records compare their lists by reference; this flattens them to compare by content.</summary>
    static IEnumerable<string> Describe(IEnumerable<VersionNeed> needs) =>
        needs.Select(n => $"{n.Library}: {string.Join(' ', n.Versions)}");

    /// <summary>Checks our reading against binutils' where readelf is installed (the dev container has it); the reader
    /// must not depend on it, so elsewhere this checks nothing more.</summary>
    static async Task AssertReadelfAgrees(string path, ElfFile elf)
    {
        if (Readelf.Path() is null) return;
        var (needed, versionNeeds) = await Readelf.NeedsAsync(path);
        Assert.Equal(needed, elf.Needed);
        Assert.Equal(Describe(versionNeeds), Describe(elf.VersionNeeds));
    }
}

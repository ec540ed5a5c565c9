using System.IO.Compression;

namespace Backend.Local.Tests.ControlPlane;

public class TestZipsTests
{
    private static ZipArchive Open(byte[] zip) => new(new MemoryStream(zip), ZipArchiveMode.Read);

    private static int ModeOf(ZipArchiveEntry entry) => (entry.ExternalAttributes >> 16) & 0xFFFF;

    [Fact]
    public void A_provided_package_has_an_executable_bootstrap_at_its_root_and_the_extra_files()
    {
        using var zip = Open(TestZips.ProvidedBootstrap("#!/bin/sh\n", new ZipFileEntry("lib/data.txt", "data")));

        Assert.Equal(["bootstrap", "lib/data.txt"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(0x81ED, ModeOf(zip.GetEntry("bootstrap")!));
        Assert.Equal(0x81A4, ModeOf(zip.GetEntry("lib/data.txt")!));
    }

    [Fact]
    public void The_same_files_make_the_same_bytes() =>
        Assert.Equal(TestZips.ShellEchoBootstrap("v1"), TestZips.ShellEchoBootstrap("v1"));

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix modes are what Lambda runs by
    public void Extracting_keeps_the_execute_bit_only_where_it_was_given()
    {
        using var executable = new ExtractedPackage(TestZips.ShellEchoBootstrap("v1"));
        using var plain = new ExtractedPackage(TestZips.NonExecutableBootstrap());

        Assert.True(File.GetUnixFileMode(executable.PathOf("bootstrap")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(plain.PathOf("bootstrap")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void A_package_without_bootstrap_has_none_at_its_root()
    {
        using var zip = Open(TestZips.WithoutBootstrap());

        Assert.Null(zip.GetEntry("bootstrap"));
        Assert.NotEmpty(zip.Entries);
    }

    [Fact]
    public void A_marker_that_would_need_quoting_is_refused() =>
        Assert.Throws<ArgumentException>(() => TestZips.ShellEchoBootstrap("it's \"v1\""));

    [Fact]
    public void A_bomb_is_small_packed_and_large_unpacked()
    {
        const long inflated = 64L * 1024 * 1024;
        var bomb = TestZips.Bomb(inflated);
        using var zip = Open(bomb);

        Assert.Equal(inflated, zip.Entries.Single().Length);
        Assert.True(bomb.Length < inflated / 500, $"{bomb.Length} bytes packed");
        var again = TestZips.Bomb(inflated);
        Assert.Equal(bomb, again);
        Assert.NotSame(bomb, again);
    }

    [Fact]
    public void A_corrupt_zip_starts_like_one_but_does_not_open()
    {
        var corrupt = TestZips.Corrupt();

        Assert.Equal("PK"u8.ToArray(), corrupt[..2]);
        Assert.Throws<InvalidDataException>(() => Open(corrupt));
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("/tmp/escaped")]
    [InlineData("lib/../../escaped")]
    public void An_escaping_zip_holds_the_entry_name_as_given(string name)
    {
        using var zip = Open(TestZips.Escaping(name));

        Assert.Equal(["bootstrap", name], zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void The_calc_package_holds_the_function_its_runtime_files_and_its_dependencies()
    {
        using var zip = Open(TestZips.DotnetCalc());

        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("Backend.Calc.dll", names);
        Assert.Contains("Backend.Calc.runtimeconfig.json", names);
        Assert.Contains("Backend.Calc.deps.json", names);
        Assert.Contains("Backend.Lambda.dll", names);
        Assert.DoesNotContain("Backend.Local.Tests.dll", names);
    }
}

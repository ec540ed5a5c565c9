namespace Backend.Local.Tests.Native;

/// <summary>
/// Whether a native executable can start on Lambda's provided.al2023 runtime. A binary linked against a newer glibc
/// than the runtime's, or against a library the runtime lacks, builds and runs fine here and fails only on Lambda,
/// at load time ("version `GLIBC_2.38' not found", "cannot open shared object file"): these checks catch that here.
/// </summary>
public static class Al2023Compatibility
{
    const string GlibcVersionPrefix = "GLIBC_";

    /// <summary>
    /// Amazon Linux 2023 ships glibc 2.34 (glibc-2.34-*.amzn2023; AL2023 User Guide, "Core toolchain packages glibc,
    /// gcc, binutils"), and provided.al2023 is built from AL2023 packages.
    /// </summary>
    public static readonly Version Glibc = new(2, 34);

    /// <summary>
    /// The shared libraries a bootstrap may need: only those of glibc itself, which every AL2023 image has because
    /// everything else in it links against them. Kept strict on purpose: libgcc_s.so.1, libstdc++.so.6 and
    /// libz.so.1 are often present on AL2023 too, but the OS-only runtime image is minimal, we have no package list
    /// of it to point to, and our Native AOT bootstraps need none of them. Adding one here needs that evidence, plus
    /// a cap on its own symbol versions (GCC_*, GLIBCXX_*), which the checks below do not have.
    /// </summary>
    public static readonly IReadOnlySet<string> ProvidedLibraries = new HashSet<string>(StringComparer.Ordinal)
    {
        "libc.so.6",
        "libm.so.6",
        "libdl.so.2",
        "libpthread.so.0",
        "librt.so.1",
        "ld-linux-x86-64.so.2", // the dynamic loader (PT_INTERP) for x86_64, the architecture template.yaml names
    };

    /// <summary>Human-readable reasons the executable would fail to load on provided.al2023; empty when it would load.</summary>
    public static IReadOnlyList<string> Problems(string executablePath) => Problems(ElfFile.Read(executablePath));

    public static IReadOnlyList<string> Problems(ElfFile elf)
    {
        var problems = new List<string>();
        // A version-needed entry also names its library, normally one of the NEEDED ones; both are checked.
        foreach (var library in elf.Needed.Concat(elf.VersionNeeds.Select(n => n.Library)).Distinct(StringComparer.Ordinal))
        {
            if (!ProvidedLibraries.Contains(library))
                problems.Add($"needs {library}, which is not one of the glibc libraries provided.al2023 has");
        }
        foreach (var need in elf.VersionNeeds.Where(n => ProvidedLibraries.Contains(n.Library)))
        {
            foreach (var version in need.Versions)
            {
                if (VersionProblem(version) is { } problem) problems.Add($"needs {version} from {need.Library}: {problem}");
            }
        }
        return problems;
    }

    /// <summary>Null when glibc 2.34 defines <paramref name="version"/>; otherwise why it does not.</summary>
    static string? VersionProblem(string version)
    {
        // Compared as numbers (System.Version), not as text: 2.4 < 2.34 < 2.38, and GLIBC_2.2.5 is x86_64's oldest.
        // Names that are not GLIBC_<number> (GLIBC_PRIVATE, glibc 2.36's GLIBC_ABI_DT_RELR) are not a release we
        // can compare, so they are reported rather than assumed present.
        if (!version.StartsWith(GlibcVersionPrefix, StringComparison.Ordinal)
            || !Version.TryParse(version[GlibcVersionPrefix.Length..], out var release))
            return $"not a numbered glibc release, so not one glibc {Glibc} can be shown to provide";
        return release > Glibc ? $"newer than glibc {Glibc}, which provided.al2023 has" : null;
    }
}

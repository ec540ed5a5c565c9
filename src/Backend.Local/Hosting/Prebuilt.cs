using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>Function assemblies already built into one folder (Handler.dll each), as the tests' output folder holds them.</summary>
internal static class Prebuilt
{
    public static Dictionary<string, string> Find(SamTemplate template, string folder) =>
        template.Functions.ToDictionary(
            f => f.LogicalId,
            f => Path.Combine(Path.GetFullPath(folder), f.Handler + ".dll") is var dll && File.Exists(dll)
                ? dll
                : throw new UsageException($"--artifacts: {f.Handler}.dll (for {f.LogicalId}) is not in {folder}"));
}

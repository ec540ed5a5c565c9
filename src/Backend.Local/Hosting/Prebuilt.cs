using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>Function assemblies already built into one folder (Handler.dll each), as the tests' output folder holds them.</summary>
internal static class Prebuilt
{
    public static Dictionary<string, string> Find(string templatePath, IReadOnlyDictionary<string, string> overrides, string folder) =>
        SamTemplate.Load(templatePath, overrides).Functions.ToDictionary(
            f => f.LogicalId,
            f => Path.Combine(Path.GetFullPath(folder), f.Handler + ".dll") is var dll && File.Exists(dll)
                ? dll
                : throw new FileNotFoundException($"--artifacts: {f.Handler}.dll (for {f.LogicalId}) is not in {folder}"));
}

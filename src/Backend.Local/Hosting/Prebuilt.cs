using Backend.Local.Building;
using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>
/// Functions already built into one folder (--artifacts): each function's Handler.dll at its root (as the tests' output
/// folder holds them) or in a folder named after the function (as `sam build` leaves them in .aws-sam/build); a Native
/// AOT function's bootstrap in its own folder (&lt;LogicalId&gt;/bootstrap, or &lt;Handler&gt;/bootstrap).
/// </summary>
internal static class Prebuilt
{
    public static Dictionary<string, string> Find(SamTemplate template, string folder)
    {
        var root = Path.GetFullPath(folder);
        return template.Functions.ToDictionary(f => f.LogicalId, f =>
        {
            var candidates = Packaging.IsNative(f)
                ? new[] { Path.Combine(root, f.LogicalId, Packaging.Bootstrap), Path.Combine(root, f.Handler, Packaging.Bootstrap) }
                : [Path.Combine(root, f.Handler + ".dll"), Path.Combine(root, f.LogicalId, f.Handler + ".dll")];
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new UsageException($"--artifacts: {Path.GetFileName(candidates[0])} (for {f.LogicalId}) is not in {folder} (looked for {string.Join(", ", candidates.Select(c => Path.GetRelativePath(root, c)))})");
        });
    }
}

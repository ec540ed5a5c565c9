namespace Backend.Lambda.TestUtilities;

/// <summary>Finds files of this repository (events/, template.yaml) from a test's output folder.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backend.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no Backend.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string ReadEvent(string fileName) => File.ReadAllText(PathOf(Path.Combine("events", fileName)));
}

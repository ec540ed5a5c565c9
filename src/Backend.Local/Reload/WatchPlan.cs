using Backend.Local.Building;
using Backend.Template;

namespace Backend.Local.Reload;

/// <summary>
/// What a saved file means: template.yaml is re-read; a file of a function's project, or of a project it references
/// (directly or not), or a build file above them (Directory.Build.props, Directory.Packages.props, …) rebuilds
/// that function's project. Computed again after every change, so a new ProjectReference is watched at once.
/// </summary>
public sealed class WatchPlan
{
    // What a build reads: sources, project and build files, and content files (appsettings.json).
    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".csproj", ".fs", ".fsproj", ".props", ".targets", ".json", ".resx", ".editorconfig", ".globalconfig", ".config", ".xml",
    };

    private readonly string _templatePath;
    // Function project → the folders of it and of every project it references.
    private readonly Dictionary<string, string[]> _projectFolders;

    private WatchPlan(string templatePath, Dictionary<string, string[]> projectFolders, IReadOnlyList<WatchedFolder> folders)
    {
        _templatePath = templatePath;
        _projectFolders = projectFolders;
        Folders = folders;
    }

    /// <summary>The folders to watch, as few as cover everything above.</summary>
    public IReadOnlyList<WatchedFolder> Folders { get; }

    /// <summary>The projects that build the template's functions (full paths).</summary>
    public IEnumerable<string> FunctionProjects => _projectFolders.Keys;

    public static WatchPlan For(string templatePath, string templateDirectory, IEnumerable<FunctionDefinition> functions)
    {
        var projectFolders = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            string project;
            try
            {
                project = ProjectGraph.ProjectOf(templateDirectory, function);
            }
            catch (TemplateException)
            {
                continue; // A CodeUri without a project: the template reload that named it says so.
            }
            projectFolders[project] = ProjectGraph.Closure(project).Select(p => Path.GetDirectoryName(p)!).Distinct().ToArray();
        }
        return new WatchPlan(templatePath, projectFolders, FoldersFor(templateDirectory, projectFolders.Values.SelectMany(f => f).Distinct().ToList()));
    }

    /// <summary>Whether a changed file can change what a restore finds (packages, references, SDK): a source file cannot.</summary>
    public static bool ChangesRestore(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".csproj" or ".fsproj" or ".props" or ".targets"
        || Path.GetFileName(path).ToLowerInvariant() is "global.json" or "nuget.config" or "packages.lock.json";

    /// <summary>Whether template.yaml is among the changed files.</summary>
    public bool TemplateChanged(IEnumerable<string> paths) => paths.Any(p => p == _templatePath);

    /// <summary>The function projects a batch of changed files makes stale.</summary>
    public IReadOnlyList<string> ProjectsToRebuild(IReadOnlyCollection<string> paths) =>
        _projectFolders.Where(project => paths.Any(path => Affects(path, project.Value))).Select(p => p.Key).ToList();

    /// <summary>
    /// Whether the changes reach beyond the function's own project folder (a referenced project, a build file above):
    /// only then must its build build the referenced projects too (skipping them saves ~0.3 s).
    /// </summary>
    public bool ReachesReferences(string project, IReadOnlyCollection<string> paths)
    {
        var own = Path.GetDirectoryName(project)!;
        return _projectFolders.TryGetValue(project, out var folders)
            && paths.Any(path => !IsWithin(path, own) && Affects(path, folders));
    }

    private static bool Affects(string path, string[] projectFolders)
    {
        // The watcher lost track (its queue overflowed): everything in that folder may have changed.
        if (Path.GetFileName(path) == "*") return projectFolders.Any(f => IsWithin(f, Path.GetDirectoryName(path)!) || IsWithin(Path.GetDirectoryName(path)!, f));
        var extension = Path.GetExtension(path);
        // A folder deleted or renamed (no extension) may have held sources.
        var inside = projectFolders.Any(f => IsWithin(path, f));
        if (inside) return extension.Length == 0 || SourceExtensions.Contains(extension);
        // Build files above a project apply to it (Directory.Build.props, Directory.Packages.props, global.json, NuGet.config).
        return extension is ".props" or ".targets" or ".json" or ".config" && projectFolders.Any(f => IsWithin(f, Path.GetDirectoryName(path)!));
    }

    private static bool IsWithin(string path, string folder) =>
        path.Length > folder.Length && path.StartsWith(folder, StringComparison.Ordinal) && path[folder.Length] == Path.DirectorySeparatorChar
        || path == folder;

    /// <summary>
    /// The template's folder (its own files), each project folder with its subfolders, and the folders between them
    /// (their own files: build files sit there). Projects under one folder below the template's (src/) are watched
    /// as that one folder, so that a repository needs two watches, not one per project.
    /// </summary>
    private static List<WatchedFolder> FoldersFor(string templateDirectory, List<string> projectFolders)
    {
        var folders = new List<WatchedFolder> { new(templateDirectory, false) };
        if (projectFolders.Count == 0) return folders;
        var common = projectFolders.Aggregate(CommonFolder);
        var recursive = common != templateDirectory && IsWithin(common, templateDirectory) ? [common] : projectFolders;
        foreach (var folder in recursive)
        {
            folders.Add(new WatchedFolder(folder, true));
            for (var above = Path.GetDirectoryName(folder); above is not null && IsWithin(above, templateDirectory) && above != templateDirectory; above = Path.GetDirectoryName(above))
                folders.Add(new WatchedFolder(above, false));
        }
        return folders.Where(f => !folders.Any(other => other.Recursive && other != f && IsWithin(f.Path, other.Path))).Distinct().ToList();
    }

    private static string CommonFolder(string a, string b)
    {
        while (!IsWithin(b, a)) a = Path.GetDirectoryName(a) ?? "/";
        return a;
    }
}

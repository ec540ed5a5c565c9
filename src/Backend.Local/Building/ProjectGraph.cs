using System.Xml.Linq;
using Backend.Template;

namespace Backend.Local.Building;

/// <summary>
/// Which project builds a function (the one .csproj in its CodeUri), and which projects that one references,
/// transitively: an edit in any of them changes what the function runs.
/// </summary>
public static class ProjectGraph
{
    /// <summary>The function's project file, full path; a template error when its CodeUri holds none or several.</summary>
    public static string ProjectOf(string templateDirectory, FunctionDefinition function)
    {
        var directory = Path.GetFullPath(Path.Combine(templateDirectory, function.CodeUri));
        var project = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.csproj").SingleOrDefault() : null;
        return project ?? throw new TemplateException($"Resources.{function.LogicalId}.Properties.CodeUri: no single .csproj in {directory}");
    }

    /// <summary>The project and every project it references through ProjectReference, directly or not (full paths).</summary>
    public static IReadOnlySet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next)) continue;
            foreach (var reference in References(next)) pending.Push(reference);
        }
        return seen;
    }

    private static IEnumerable<string> References(string project)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(project);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            // Missing or half-saved: the build will say what is wrong with it.
            return [];
        }
        var directory = Path.GetDirectoryName(project)!;
        return document.Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => e.Attribute("Include")?.Value)
            .OfType<string>()
            .Where(include => !include.Contains("$(", StringComparison.Ordinal))
            .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', '/'))))
            .Where(File.Exists);
    }
}

using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>
/// template.yaml read once per command, with the parameter overrides applied, and where it was read from: its
/// folder holds .local/ (built functions, DynamoDB Local and its data) and events/.
/// </summary>
public sealed record TemplateFile(string Path, SamTemplate Model)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public static TemplateFile Load(string path, IReadOnlyDictionary<string, string>? parameterOverrides = null) =>
        new(System.IO.Path.GetFullPath(path), SamTemplate.Load(path, parameterOverrides));
}

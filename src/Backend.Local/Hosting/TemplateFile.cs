using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>
/// template.yaml read with the parameter overrides applied, and where it was read from: its folder holds .local/
/// (built functions, DynamoDB Local and its data) and events/. Read once per command, and again on each save
/// when the emulator watches it.
/// </summary>
public sealed record TemplateFile(string Path, SamTemplate Model, IReadOnlyDictionary<string, string>? ParameterOverrides = null)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public static TemplateFile Load(string path, IReadOnlyDictionary<string, string>? parameterOverrides = null) =>
        new(System.IO.Path.GetFullPath(path), SamTemplate.Load(path, parameterOverrides), parameterOverrides);

    /// <summary>The file as it is now, with the same overrides (a <see cref="TemplateException"/> when it no longer reads).</summary>
    public TemplateFile Reload() => Load(Path, ParameterOverrides);
}

namespace Backend.Template.Tests;

/// <summary>A template given as text, read as the emulator reads template.yaml (through a temporary file).</summary>
internal static class TemplateText
{
    public static SamTemplate Load(string yaml, IReadOnlyDictionary<string, string>? parameterOverrides = null)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, yaml);
            return SamTemplate.Load(path, parameterOverrides);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

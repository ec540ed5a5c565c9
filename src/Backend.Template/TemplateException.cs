namespace Backend.Template;

/// <summary>What in the template the emulator cannot serve, named by its path (Resources.F.Properties.Runtime: …).</summary>
public sealed class TemplateException(string message) : Exception(message)
{
    /// <summary>The template file, when known.</summary>
    public string? File { get; init; }

    /// <summary>The line (1-based) of what the message names, when it could be found in the file.</summary>
    public int? Line { get; init; }

    /// <summary>The message led by where it is, as compilers write it: <c>template.yaml:31: Resources.F…</c>.</summary>
    public string Located => File is null ? Message : Line is { } line ? $"{File}:{line}: {Message}" : $"{File}: {Message}";
}

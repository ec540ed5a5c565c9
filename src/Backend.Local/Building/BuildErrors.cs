using System.Text.RegularExpressions;

namespace Backend.Local.Building;

/// <summary>
/// The errors in MSBuild's output, as `file:line:column: error CODE: message` with the file relative to the
/// template's folder, each once (MSBuild repeats them in its summary).
/// </summary>
public static partial class BuildErrors
{
    // src/Backend.Calc/Calculator.cs(12,5): error CS1002: ; expected [/path/Backend.Calc.csproj]
    [GeneratedRegex(@"^\s*(?<file>.+?)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\): error (?<code>[A-Za-z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?\s*$")]
    private static partial Regex CompilerError();

    // error NU1101: ... [project], MSB4025: ..., /path/project.csproj : error MSB4025: ...
    [GeneratedRegex(@"^\s*(?:(?<file>[^:]+?) ?: )?error (?<code>[A-Za-z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?\s*$")]
    private static partial Regex OtherError();

    public static IReadOnlyList<string> Parse(string output, string baseDirectory)
    {
        var errors = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            string? error = null;
            if (CompilerError().Match(line) is { Success: true } compiler)
                error = $"{Relative(compiler.Groups["file"].Value, baseDirectory)}:{compiler.Groups["line"].Value}:{compiler.Groups["column"].Value}: error {compiler.Groups["code"].Value}: {compiler.Groups["message"].Value}";
            else if (OtherError().Match(line) is { Success: true } other)
                error = (other.Groups["file"].Success ? $"{Relative(other.Groups["file"].Value, baseDirectory)}: " : "") + $"error {other.Groups["code"].Value}: {other.Groups["message"].Value}";
            if (error is not null && !errors.Contains(error)) errors.Add(error);
        }
        return errors;
    }

    private static string Relative(string file, string baseDirectory) =>
        Path.IsPathRooted(file) ? Path.GetRelativePath(baseDirectory, file) : file;
}

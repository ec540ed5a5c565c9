using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Backend.ReloadBench;

/// <summary>
/// The saves a user makes, in the copy. Each returns the Stopwatch timestamp taken as the write returned: the
/// moment the file was saved, which every measured time starts from.
/// </summary>
public sealed partial class Edits(RepositoryCopy copy)
{
    public const string CalculatorFile = "src/Backend.Calc/Calculator.cs";
    public const string SharedLibraryFolder = "src/Backend.Lambda";

    private int _addend;
    private int _origin;

    /// <summary>What <c>GET /prod/calc/1/2/%2B</c> answers after the last <see cref="ChangeCalcAdd"/>: 1 + 2 + the addend.</summary>
    public int ExpectedSum => 3 + _addend;

    /// <summary>A new constant in Calculator.cs's Add line: <c>Operator.Add => a + b + 1001,</c>.</summary>
    public long ChangeCalcAdd()
    {
        _addend = _addend == 0 ? 1001 : _addend + 1;
        return Replace(CalculatorFile, AddLine(), $"Operator.Add => a + b + {_addend},");
    }

    /// <summary>A comment line appended to the <paramref name="index"/>-th .cs file of src/Backend.Lambda, which all four functions reference.</summary>
    public long TouchSharedLibrary(int index, out string file)
    {
        var files = Directory.GetFiles(copy.PathOf(SharedLibraryFolder), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var path = files[index % files.Length];
        file = Path.GetRelativePath(copy.Root, path);
        File.AppendAllText(path, $"// reload-bench {index}\n");
        return Stopwatch.GetTimestamp();
    }

    /// <summary>A new value for BooksFunction's ALLOWED_ORIGIN in the copy's template.yaml; returns it in <paramref name="origin"/>.</summary>
    public long ChangeAllowedOrigin(out string origin)
    {
        origin = $"https://a{++_origin}.example";
        return Replace("template.yaml", OriginLine(), $"ALLOWED_ORIGIN: {origin}");
    }

    private long Replace(string file, Regex line, string replacement)
    {
        var path = copy.PathOf(file);
        var text = File.ReadAllText(path);
        if (!line.IsMatch(text)) throw new InvalidOperationException($"{file} has no line matching {line}");
        File.WriteAllText(path, line.Replace(text, replacement, 1));
        return Stopwatch.GetTimestamp();
    }

    [GeneratedRegex(@"Operator\.Add => a \+ b( \+ \d+)?,")]
    private static partial Regex AddLine();

    [GeneratedRegex(@"ALLOWED_ORIGIN: .*")]
    private static partial Regex OriginLine();
}

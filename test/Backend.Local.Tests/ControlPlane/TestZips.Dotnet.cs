using System.Text.Json;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>Packages of the repository's own .NET functions.</summary>
public static partial class TestZips
{
    private static readonly Lazy<byte[]> Calc = new(() => DotnetExecutable("Backend.Calc"));

    /// <summary>
    /// The Calc function as a dotnet10 executable-assembly package (handler "Backend.Calc"): its dll,
    /// runtimeconfig and deps files and every assembly the deps file names, taken from beside the tests.
    /// </summary>
    public static byte[] DotnetCalc() => (byte[])Calc.Value.Clone();

    /// <summary>The files of <paramref name="assemblyName"/>'s package, as found in the test output folder.</summary>
    public static IReadOnlyList<string> DotnetPackageFiles(string assemblyName)
    {
        var folder = AppContext.BaseDirectory;
        var depsFile = Path.Combine(folder, assemblyName + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        // Each library's "runtime" assets are the managed assemblies it brings; a build copies them
        // flat beside the app, so the file name alone finds them ("lib/net8.0/X.dll" -> "X.dll").
        var assemblies = deps.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(target => target.Value.EnumerateObject())
            .SelectMany(library => library.Value.TryGetProperty("runtime", out var runtime) ? runtime.EnumerateObject().Select(asset => Path.GetFileName(asset.Name)) : []);
        string[] files = [assemblyName + ".dll", assemblyName + ".runtimeconfig.json", assemblyName + ".deps.json", .. assemblies];
        var distinct = files.Distinct(StringComparer.Ordinal).ToList();
        foreach (var file in distinct)
            if (!File.Exists(Path.Combine(folder, file))) throw new FileNotFoundException($"{depsFile} names {file}, which is not built beside the tests", file);
        return distinct;
    }

    private static byte[] DotnetExecutable(string assemblyName) =>
        Zip(DotnetPackageFiles(assemblyName).Select(file => new ZipFileEntry(file, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file)))));
}

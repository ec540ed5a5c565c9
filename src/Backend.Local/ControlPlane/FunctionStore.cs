using System.Text.Json;

namespace Backend.Local.ControlPlane;

/// <summary>
/// The functions created through the API, one JSON file each under <c>functions/</c>. A write is atomic: the new
/// state goes to a temporary file, is flushed to disk, and replaces the old one by rename, so a kill at any moment
/// leaves the old state or the new one, never a torn one. Code packages are written (by the code store) before
/// the state that names them.
/// </summary>
public sealed class FunctionStore
{
    private const string TempMarker = ".tmp-";
    private readonly string _folder;

    public FunctionStore(string root)
    {
        _folder = Path.Combine(root, "functions");
        Directory.CreateDirectory(_folder);
    }

    public void Save(FunctionState function)
    {
        var path = PathOf(function.Name);
        var temp = path + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, function, ControlPlaneJsonContext.Default.FunctionState);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    /// <summary>Every stored function; what cannot be read is set aside (renamed *.discarded) and reported, not lost silently.</summary>
    public IReadOnlyList<FunctionState> LoadAll(Action<string> report)
    {
        foreach (var temp in Directory.GetFiles(_folder, "*.json" + TempMarker + "*"))
        {
            File.Delete(temp);
            report($"discarded an unfinished write of {Path.GetFileName(temp)[..Path.GetFileName(temp).IndexOf(TempMarker, StringComparison.Ordinal)]} (the emulator stopped during it): its previous state is kept");
        }
        var functions = new List<FunctionState>();
        foreach (var path in Directory.GetFiles(_folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                using var file = File.OpenRead(path);
                var function = JsonSerializer.Deserialize(file, ControlPlaneJsonContext.Default.FunctionState)
                    ?? throw new JsonException("empty");
                if (function.Name != Path.GetFileNameWithoutExtension(path)) throw new JsonException($"it names the function {function.Name}");
                functions.Add(function);
            }
            catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
            {
                var aside = $"{path}.discarded-{DateTime.UtcNow:yyyyMMddHHmmss}";
                File.Move(path, aside, overwrite: true);
                report($"discarded {Path.GetFileName(path)}, which could not be read ({e.Message}): moved to {aside}");
            }
        }
        return functions;
    }

    private string PathOf(string name) => Path.Combine(_folder, name + ".json");
}

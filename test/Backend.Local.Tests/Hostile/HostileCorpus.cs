using System.Text.Json;

namespace Backend.Local.Tests.Hostile;

/// <summary>Every case of the corpus files copied beside the tests (Hostile/corpus/*.json), by id.</summary>
public static class HostileCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, HostileCase>> Cases = new(Load);

    public static IReadOnlyDictionary<string, HostileCase> All => Cases.Value;

    private static IReadOnlyDictionary<string, HostileCase> Load()
    {
        var cases = new Dictionary<string, HostileCase>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Hostile", "corpus"), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowDuplicateProperties = true });
            var root = document.RootElement;
            var defaults = root.TryGetProperty("defaults", out var d) ? d.Clone() : default;
            foreach (var item in root.GetProperty("cases").EnumerateArray())
            {
                var test = HostileCase.FromJson(Path.GetFileName(path), defaults, item);
                if (!cases.TryAdd(test.Id, test)) throw new InvalidOperationException($"two cases are named {test.Id}");
            }
        }
        return cases;
    }
}

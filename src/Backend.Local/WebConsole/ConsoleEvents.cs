using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backend.Local.Hosting;
using Backend.Local.Http;

namespace Backend.Local.WebConsole;

/// <summary>
/// Test events: the files of events/ that fit a function (never changed), and events saved from the console under
/// .local/console/events/&lt;function&gt;/ (git-ignored).
/// </summary>
internal sealed partial class ConsoleEvents(string eventsDirectory, string savedDirectory)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex EventName();

    public JsonObject List(string function)
    {
        var events = new JsonArray();
        foreach (var file in Fitting(function)) events.Add((JsonNode)Entry(Path.GetFileName(file), "events", file));
        var saved = Path.Combine(savedDirectory, function);
        if (Directory.Exists(saved))
        {
            foreach (var file in Directory.GetFiles(saved, "*.json").Order(StringComparer.Ordinal))
                events.Add((JsonNode)Entry(Path.GetFileNameWithoutExtension(file), "saved", file));
        }
        return new JsonObject { ["events"] = events };
    }

    public HttpReply Save(string function, string name, byte[]? body)
    {
        if (!EventName().IsMatch(name) || name.Contains("..", StringComparison.Ordinal))
            return ConsoleJson.Error(400, $"'{name}' is not a name for a test event: letters, digits, '.', '_' and '-', at most 100");
        var (node, refusal) = ConsoleJson.RequiredJson(body);
        if (refusal is not null) return refusal;
        var folder = Path.Combine(savedDirectory, function);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".json");
        // Written whole, then renamed: a crash leaves the previous version, never half a file.
        File.WriteAllText(path + ".tmp", node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? "null", Encoding.UTF8);
        File.Move(path + ".tmp", path, overwrite: true);
        return ConsoleJson.Ok(new JsonObject { ["name"] = name });
    }

    /// <summary>events/ files meant for this function, plainest first.</summary>
    private IEnumerable<string> Fitting(string function)
    {
        if (!Directory.Exists(eventsDirectory)) return [];
        return Directory.GetFiles(eventsDirectory, "*.json")
            .Where(f => EventFiles.AreFor(f, function))
            .OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal);
    }

    private static JsonObject Entry(string name, string source, string file)
    {
        JsonNode? content;
        try
        {
            content = JsonNode.Parse(File.ReadAllText(file));
        }
        catch (System.Text.Json.JsonException)
        {
            content = JsonValue.Create(File.ReadAllText(file));
        }
        return new JsonObject { ["name"] = name, ["source"] = source, ["event"] = content };
    }
}

using System.Text.Json;
using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>
/// <c>--env-vars FILE</c>, read as SAM CLI reads it: <c>{"Parameters": {"VAR": "value"}, "FunctionLogicalId": {"VAR": "value"}}</c>.
/// <c>Parameters</c> applies to every function and a function's own entry wins over it. As in SAM CLI, the file only
/// gives new values to the variables the template declares for a function; it never adds one (SAM's EnvironmentVariables
/// resolves the template's variables and looks each up in the overrides, aws-sam-cli#6145).
/// </summary>
public sealed class EnvironmentOverrides
{
    /// <summary>SAM's name for the entry that applies to every function.</summary>
    public const string Global = "Parameters";

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _entries;

    /// <param name="entries">Entry (<see cref="Global"/>, a logical id or a FunctionName) → variable → value.</param>
    public EnvironmentOverrides(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> entries) => _entries = entries;

    /// <summary>Reads the file; anything wrong with it is a <see cref="UsageException"/> naming the file and, where it is one, the entry.</summary>
    public static EnvironmentOverrides Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"--env-vars: {path} does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--env-vars: {path} is not readable: {e.Message}");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new UsageException($"--env-vars: {path} is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new UsageException($"--env-vars: {path} must be a JSON object of {{\"FunctionLogicalId\": {{\"VARIABLE\": \"value\"}}}}, not {Describe(root.ValueKind)}");
            var entries = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var entry in root.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Object)
                    throw new UsageException($"--env-vars: {path}: {entry.Name} must be an object of variables, not {Describe(entry.Value.ValueKind)}");
                var variables = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var variable in entry.Value.EnumerateObject())
                {
                    variables[variable.Name] = variable.Value.ValueKind switch
                    {
                        JsonValueKind.String => variable.Value.GetString()!,
                        // SAM CLI turns numbers and booleans into strings (true as "true"); the number is kept as written,
                        // so 1.50 stays "1.50" rather than going through a double.
                        JsonValueKind.Number => variable.Value.GetRawText(),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        // SAM CLI would pass an empty string for these, silently; a mistake in the file is better said.
                        _ => throw new UsageException($"--env-vars: {path}: {entry.Name}.{variable.Name} must be a string, not {Describe(variable.Value.ValueKind)}"),
                    };
                }
                entries[entry.Name] = variables;
            }
            return new EnvironmentOverrides(entries);
        }
    }

    /// <summary>The function with its declared variables overridden: its own entry (by logical id, else FunctionName), then Parameters.</summary>
    public FunctionDefinition Apply(FunctionDefinition function)
    {
        var own = Own(function);
        var global = _entries.GetValueOrDefault(Global);
        if (own is null && global is null) return function;
        var environment = new Dictionary<string, string>(function.Environment, StringComparer.Ordinal);
        foreach (var name in function.Environment.Keys)
        {
            if (own is not null && own.TryGetValue(name, out var value)) environment[name] = value;
            else if (global is not null && global.TryGetValue(name, out value)) environment[name] = value;
        }
        return function with { Environment = environment };
    }

    /// <summary>
    /// What in the file sets nothing, said at start: SAM CLI ignores it silently, and "my variable is not set" is the
    /// question its users ask most about --env-vars.
    /// </summary>
    public IEnumerable<string> Warnings(IReadOnlyCollection<FunctionDefinition> functions)
    {
        foreach (var (entry, variables) in _entries)
        {
            if (entry == Global)
            {
                foreach (var name in variables.Keys.Where(n => !functions.Any(f => f.Environment.ContainsKey(n))))
                    yield return $"--env-vars: Parameters.{name} is declared by no function of the template, so it sets nothing (only declared variables are overridden, as in SAM CLI)";
                continue;
            }
            var function = functions.FirstOrDefault(f => f.LogicalId == entry) ?? functions.FirstOrDefault(f => f.FunctionName == entry);
            if (function is null)
            {
                yield return $"--env-vars: {entry} is not a function of the template, so it sets nothing";
                continue;
            }
            foreach (var name in variables.Keys.Where(n => !function.Environment.ContainsKey(n)))
                yield return $"--env-vars: {entry}.{name} is not declared by {function.LogicalId} in the template, so it is not set (only declared variables are overridden, as in SAM CLI)";
        }
    }

    private IReadOnlyDictionary<string, string>? Own(FunctionDefinition function) =>
        _entries.GetValueOrDefault(function.LogicalId) ?? _entries.GetValueOrDefault(function.FunctionName);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}

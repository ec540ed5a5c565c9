using System.CommandLine;

namespace Backend.Local.Hosting;

/// <summary>Options every subcommand takes: the template, its parameters, --env-vars, DynamoDB Local's data, prebuilt assemblies.</summary>
internal sealed class CommonOptions
{
    private readonly Option<string> _template = new("--template", "-t") { Description = "The SAM template", DefaultValueFactory = _ => "template.yaml" };
    private readonly Option<string[]> _overrides = new("--parameter-overrides") { Description = "Template parameters as Name=Value (repeatable)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<bool> _inMemory = new("--in-memory") { Description = "Keep DynamoDB Local's data in memory only (discarded on exit)" };
    private readonly Option<string?> _dataDir = new("--data-dir") { Description = "Where DynamoDB Local keeps its data (default .local/dynamodb-data, git-ignored)" };
    private readonly Option<string?> _envVars = new("--env-vars") { Description = "JSON file of environment variable values, as SAM CLI's: {\"Parameters\": {...}, \"FunctionLogicalId\": {...}}; only variables the template declares are overridden" };
    private readonly Option<string?> _artifacts = new("--artifacts") { Description = "Use function assemblies already built in this folder instead of building" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _template, _overrides, _inMemory, _dataDir, _envVars, _artifacts }) command.Options.Add(option);
    }

    /// <summary>Only --template and --parameter-overrides: for a command that reads the template and runs nothing.</summary>
    public void AddTemplateTo(Command command)
    {
        command.Options.Add(_template);
        command.Options.Add(_overrides);
    }

    /// <summary>The template with its parameter overrides; what the user typed wrong is a <see cref="UsageException"/>.</summary>
    public TemplateFile ReadTemplate(ParseResult parse)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(_overrides) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new UsageException($"--parameter-overrides takes Name=Value, not '{pair}'");
            overrides[pair[..equals]] = pair[(equals + 1)..];
        }
        return TemplateFile.Load(parse.GetValue(_template)!, overrides);
    }

    /// <summary>Parses the options and reads the template, once; what the user typed wrong is a <see cref="UsageException"/>.</summary>
    public LocalServerOptions Read(ParseResult parse)
    {
        var template = ReadTemplate(parse);
        return new LocalServerOptions
        {
            Template = template,
            InMemory = parse.GetValue(_inMemory),
            DataDirectory = parse.GetValue(_dataDir),
            EnvironmentOverrides = parse.GetValue(_envVars) is { } envVars ? EnvironmentOverrides.Read(envVars) : null,
            Assemblies = parse.GetValue(_artifacts) is { } folder ? Prebuilt.Find(template.Model, folder) : null,
        };
    }
}

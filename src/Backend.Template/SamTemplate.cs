using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>
/// template.yaml, read once. Parameter values are the template's defaults unless overridden
/// (as <c>sam deploy --parameter-overrides</c> would).
/// </summary>
public sealed class SamTemplate
{
    private readonly YamlMappingNode _root;
    private readonly Dictionary<string, string> _parameters;

    private SamTemplate(YamlMappingNode root, IReadOnlyDictionary<string, string>? overrides)
    {
        _root = root;
        _parameters = root.Mapping("Parameters").Entries()
            .Where(p => p.Value.Scalar("Default") is not null)
            .ToDictionary(p => p.Key, p => p.Value.Scalar("Default")!);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            if (root.Mapping("Parameters")?.Child(name) is null)
                throw new TemplateException($"parameter override '{name}' names no parameter of the template");
            _parameters[name] = value;
        }
        Tables = ReadTables();
    }

    public static SamTemplate Load(string path, IReadOnlyDictionary<string, string>? parameterOverrides = null)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new TemplateException($"{path} is not a YAML mapping");
        return new SamTemplate(root, parameterOverrides);
    }

    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    public IReadOnlyList<TableDefinition> Tables { get; }

    /// <summary>The table a resource id names (as <c>!Ref Table</c> in a function's environment would).</summary>
    public TableDefinition Table(string logicalId) =>
        Tables.FirstOrDefault(t => t.LogicalId == logicalId) ?? throw new TemplateException($"no AWS::DynamoDB::Table '{logicalId}' in the template");

    internal IEnumerable<(string LogicalId, YamlMappingNode Resource)> Resources(string type) =>
        _root.Mapping("Resources").Entries()
            .Where(r => r.Value.Scalar("Type") == type)
            .Select(r => (r.Key, (YamlMappingNode)r.Value));

    /// <summary>A scalar, or <c>!Ref Parameter</c> / <c>{Ref: Parameter}</c> resolved to the parameter's value.</summary>
    internal string ResolveString(YamlNode node, string where)
    {
        if (node is YamlScalarNode scalar)
        {
            if (scalar.Tag.IsEmpty) return scalar.Value ?? "";
            if (scalar.Tag.Value == "!Ref") return Ref(scalar.Value ?? "", where);
        }
        if (node is YamlMappingNode { Children.Count: 1 } map && map.Scalar("Ref") is { } name) return Ref(name, where);
        throw new TemplateException($"{where}: only a string or a !Ref to a parameter is supported here");
    }

    private string Ref(string name, string where) =>
        _parameters.TryGetValue(name, out var value)
            ? value
            : throw new TemplateException($"{where}: !Ref {name} names no parameter with a value");

    private List<TableDefinition> ReadTables() =>
        Resources("AWS::DynamoDB::Table").Select(t =>
        {
            var where = $"Resources.{t.LogicalId}";
            var properties = t.Resource.Mapping("Properties") ?? throw new TemplateException($"{where} has no Properties");
            var name = properties.Child("TableName") is { } tableName
                ? ResolveString(tableName, where + ".Properties.TableName")
                : t.LogicalId;
            var types = properties.Child("AttributeDefinitions").Items()
                .ToDictionary(a => a.Scalar("AttributeName") ?? "", a => a.Scalar("AttributeType") ?? "");
            var key = properties.Child("KeySchema").Items().Select(k =>
            {
                var attribute = k.Scalar("AttributeName") ?? throw new TemplateException($"{where}.KeySchema: AttributeName missing");
                return new KeyAttribute(attribute, k.Scalar("KeyType") ?? "HASH",
                    types.TryGetValue(attribute, out var type) ? type : throw new TemplateException($"{where}: key '{attribute}' has no AttributeDefinition"));
            }).ToList();
            if (key.Count(k => k.KeyType == "HASH") != 1) throw new TemplateException($"{where}: KeySchema needs exactly one HASH key");
            return new TableDefinition(t.LogicalId, name, key);
        }).ToList();
}

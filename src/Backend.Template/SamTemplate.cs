using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>
/// template.yaml, read once into definitions with Globals applied and intrinsics resolved to local
/// values. Parameter values are the template's defaults unless overridden (as
/// <c>sam deploy --parameter-overrides</c> would). What the emulator cannot serve is a
/// <see cref="TemplateException"/> that names it; what it can ignore is listed in <see cref="Warnings"/>.
/// </summary>
public sealed partial class SamTemplate
{
    public const string ImplicitRestApi = "ServerlessRestApi";
    public const string ImplicitHttpApi = "ServerlessHttpApi";

    private readonly YamlMappingNode _root;
    private readonly Dictionary<string, string> _parameters;
    private readonly Intrinsics _intrinsics;
    private readonly SamGlobals _globals;
    private readonly List<string> _warnings = [];

    private SamTemplate(YamlMappingNode root, IReadOnlyDictionary<string, string>? overrides, LocalValues local)
    {
        _root = root;
        Local = local;
        _parameters = root.Mapping("Parameters").Entries()
            .Where(p => p.Value.Scalar("Default") is not null)
            .ToDictionary(p => p.Key, p => p.Value.Scalar("Default")!);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            if (root.Mapping("Parameters")?.Child(name) is null)
                throw new TemplateException($"parameter override '{name}' names no parameter of the template");
            _parameters[name] = value;
        }
        _intrinsics = new Intrinsics(_parameters, RefResource, GetAtt, local, root.Mapping("Conditions"));
        _globals = new SamGlobals(root.Child("Globals"));
        Tables = ReadTables();
        Functions = ReadFunctions();
        Apis = ReadApis();
        Routes = ReadRoutes();
    }

    public static SamTemplate Load(string path, IReadOnlyDictionary<string, string>? parameterOverrides = null, LocalValues? local = null)
    {
        if (!File.Exists(path)) throw new TemplateException($"{Path.GetFullPath(path)} does not exist (run from the repository root, or pass --template)");
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed input (an unclosed flow sequence at the end).
            throw new TemplateException($"not valid YAML: {e.Message}") { File = path };
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new TemplateException($"not valid YAML: {e.Message}") { File = path, Line = (int)e.Start.Line };
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new TemplateException($"{path} is not a YAML mapping");
        try
        {
            return new SamTemplate(root, parameterOverrides, local ?? new LocalValues());
        }
        catch (TemplateException e) when (e.File is null)
        {
            throw new TemplateException(e.Message) { File = path, Line = TemplateLocation.LineOf(root, e.Message) };
        }
    }

    public LocalValues Local { get; }
    public IReadOnlyDictionary<string, string> Parameters => _parameters;
    public IReadOnlyList<TableDefinition> Tables { get; }
    public IReadOnlyList<FunctionDefinition> Functions { get; }
    public IReadOnlyList<ApiDefinition> Apis { get; private set; }
    public IReadOnlyList<RouteDefinition> Routes { get; }

    /// <summary>Template constructs the emulator ignores (event types it cannot trigger, and such).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The table a resource id names (as <c>!Ref Table</c> in a function's environment would).</summary>
    public TableDefinition Table(string logicalId) =>
        Tables.FirstOrDefault(t => t.LogicalId == logicalId) ?? throw new TemplateException($"no AWS::DynamoDB::Table '{logicalId}' in the template");

    public FunctionDefinition Function(string logicalId) =>
        Functions.FirstOrDefault(f => f.LogicalId == logicalId) ?? throw new TemplateException($"no AWS::Serverless::Function '{logicalId}' in the template");

    private IEnumerable<(string LogicalId, YamlMappingNode Resource)> Resources(params string[] types) =>
        _root.Mapping("Resources").Entries()
            .Where(r => types.Contains(r.Value.Scalar("Type")))
            .Select(r => (r.Key, (YamlMappingNode)r.Value));

    private string? ResourceType(string logicalId) => _root.Mapping("Resources")?.Child(logicalId)?.Scalar("Type");

    /// <summary>What !Ref of a resource gives locally: a table's or function's name, an API's id.</summary>
    private string? RefResource(string logicalId) => ResourceType(logicalId) switch
    {
        "AWS::DynamoDB::Table" or "AWS::Serverless::SimpleTable" => TableName(logicalId),
        "AWS::Serverless::Function" => FunctionNameOf(logicalId),
        "AWS::Serverless::Api" or "AWS::Serverless::HttpApi" => logicalId.ToLowerInvariant(),
        _ => null,
    };

    private string? GetAtt(string logicalId, string attribute) => (ResourceType(logicalId), attribute) switch
    {
        ("AWS::DynamoDB::Table", "Arn") => Local.TableArn(TableName(logicalId)),
        ("AWS::Serverless::Function", "Arn") => Local.FunctionArn(FunctionNameOf(logicalId)),
        _ => null,
    };

    private string TableName(string logicalId)
    {
        var properties = _root.Mapping("Resources")!.Child(logicalId)!.Mapping("Properties");
        return properties?.Child("TableName") is { } name ? _intrinsics.Resolve(name, $"Resources.{logicalId}.Properties.TableName") : logicalId;
    }

    private string FunctionNameOf(string logicalId)
    {
        var properties = _root.Mapping("Resources")!.Child(logicalId)!.Mapping("Properties");
        return properties?.Child("FunctionName") is { } name ? _intrinsics.Resolve(name, $"Resources.{logicalId}.Properties.FunctionName") : logicalId;
    }

    private List<TableDefinition> ReadTables() =>
        Resources("AWS::DynamoDB::Table").Select(t =>
        {
            var where = $"Resources.{t.LogicalId}";
            var properties = t.Resource.Mapping("Properties") ?? throw new TemplateException($"{where} has no Properties");
            var types = properties.Child("AttributeDefinitions").Items()
                .ToDictionary(a => a.Scalar("AttributeName") ?? "", a => a.Scalar("AttributeType") ?? "");
            var key = properties.Child("KeySchema").Items().Select(k =>
            {
                var attribute = k.Scalar("AttributeName") ?? throw new TemplateException($"{where}.KeySchema: AttributeName missing");
                return new KeyAttribute(attribute, k.Scalar("KeyType") ?? "HASH",
                    types.TryGetValue(attribute, out var type) ? type : throw new TemplateException($"{where}: key '{attribute}' has no AttributeDefinition"));
            }).ToList();
            if (key.Count(k => k.KeyType == "HASH") != 1) throw new TemplateException($"{where}: KeySchema needs exactly one HASH key");
            return new TableDefinition(t.LogicalId, TableName(t.LogicalId), key);
        }).ToList();

    private static int ToInt(string? text, int fallback, string where) =>
        text is null ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new TemplateException($"{where}: '{text}' is not a whole number");
}

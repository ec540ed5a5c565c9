using YamlDotNet.RepresentationModel;

namespace Backend.Lambda.TestUtilities;

/// <summary>
/// template.yaml as a YAML tree, for tests that check the template against the code and events/.
/// CloudFormation tags (!Ref, !Sub, !GetAtt) are kept as node tags and not interpreted.
/// </summary>
public sealed class TemplateDocument
{
    private TemplateDocument(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public static TemplateDocument Load(string? path = null)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path ?? RepositoryFiles.PathOf("template.yaml"));
        yaml.Load(reader);
        return new TemplateDocument((YamlMappingNode)yaml.Documents[0].RootNode);
    }

    public IEnumerable<(string LogicalId, YamlMappingNode Properties)> ResourcesOfType(string type) =>
        Map(Root, "Resources").Children
            .Where(r => Scalar(r.Value, "Type") == type)
            .Select(r => (((YamlScalarNode)r.Key).Value!, Map(r.Value, "Properties")));

    /// <summary>(function, event type, method, path) for every Api and HttpApi event.</summary>
    public IEnumerable<(string Function, string Type, string Method, string Path)> ApiEvents() =>
        from function in ResourcesOfType("AWS::Serverless::Function")
        where function.Properties.Children.ContainsKey("Events")
        from e in Map(function.Properties, "Events").Children
        let properties = Map(e.Value, "Properties")
        select (function.LogicalId, Scalar(e.Value, "Type")!, Scalar(properties, "Method")!.ToUpperInvariant(), Scalar(properties, "Path")!);

    public static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[key];

    public static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;
}

using YamlDotNet.RepresentationModel;

namespace Backend.Lambda.TestUtilities;

/// <summary>
/// template.yaml as a raw YAML tree, for checks of what the template reader (SamTemplate) does not read:
/// policies, table settings, Globals, CodeUri and Handler against the projects, Parameters. Routes,
/// functions and tables come from SamTemplate, never from here. CloudFormation tags (!Ref, !Sub, !GetAtt)
/// are kept as node tags and not interpreted.
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

    public static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[key];

    public static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;
}

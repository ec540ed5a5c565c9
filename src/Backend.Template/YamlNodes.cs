using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>Small typed accessors over YamlDotNet's node tree.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode? Mapping(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    public static YamlNode? Child(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(key, out var value) ? value : null;

    public static string? Scalar(this YamlNode node, string key) =>
        node.Child(key) is YamlScalarNode { Tag.IsEmpty: true } scalar ? scalar.Value : null;

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode? map) =>
        map is null ? [] : map.Children.Select(c => (((YamlScalarNode)c.Key).Value!, c.Value));

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children : [];
}

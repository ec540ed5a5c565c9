using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>
/// The line a template error is about: its message starts with the path of what it names
/// (<c>Resources.CalcFunction.Properties.Runtime: …</c>), followed here as far as the file has it.
/// </summary>
internal static class TemplateLocation
{
    public static int? LineOf(YamlMappingNode root, string message)
    {
        var end = message.IndexOfAny([':', ' ']);
        var path = end < 0 ? message : message[..end];
        if (!path.Contains('.', StringComparison.Ordinal)) return null;
        YamlNode node = root;
        int? line = null;
        foreach (var key in path.Split('.'))
        {
            if (node.Child(key) is not { } child) break;
            // The key's line: where a reader looks for the property (its value may start on the next line).
            line = (int)((YamlMappingNode)node).Children.Keys.First(k => k is YamlScalarNode s && s.Value == key).Start.Line;
            node = child;
        }
        return line;
    }
}

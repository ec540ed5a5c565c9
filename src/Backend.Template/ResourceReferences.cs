using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>
/// The logical ids a piece of template names through Ref, Fn::GetAtt and Fn::Sub (short and long form), wherever
/// they sit in it: how the emulator knows which resources a function is wired to (its Environment, its Policies).
/// </summary>
internal static partial class ResourceReferences
{
    public static IEnumerable<string> In(YamlNode? node)
    {
        // A plain node's tag is empty or non-specific ("!" on a quoted scalar), whose Value cannot be read.
        var tag = node is null || node.Tag.IsEmpty || node.Tag.IsNonSpecific ? "" : node.Tag.Value;
        switch (node)
        {
            case null:
                yield break;
            case YamlScalarNode scalar when tag == "!Ref":
                yield return scalar.Value ?? "";
                break;
            case YamlScalarNode scalar when tag == "!GetAtt":
                yield return (scalar.Value ?? "").Split('.')[0];
                break;
            case YamlScalarNode scalar when tag == "!Sub":
                foreach (var name in InSub(scalar.Value)) yield return name;
                break;
            case YamlSequenceNode sequence when tag == "!GetAtt" && sequence.Children.FirstOrDefault() is YamlScalarNode first:
                yield return first.Value ?? "";
                break;
            case YamlSequenceNode sequence when tag == "!Sub" && sequence.Children.FirstOrDefault() is YamlScalarNode text:
                foreach (var name in InSub(text.Value).Concat(sequence.Children.Skip(1).SelectMany(In))) yield return name;
                break;
            case YamlSequenceNode sequence:
                foreach (var name in sequence.Children.SelectMany(In)) yield return name;
                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var names = (key as YamlScalarNode)?.Value switch
                    {
                        "Ref" when value is YamlScalarNode target => [target.Value ?? ""],
                        "Fn::GetAtt" when value is YamlScalarNode target => [(target.Value ?? "").Split('.')[0]],
                        "Fn::GetAtt" when value is YamlSequenceNode { Children: [YamlScalarNode target, ..] } => [target.Value ?? ""],
                        "Fn::Sub" when value is YamlScalarNode text => InSub(text.Value),
                        "Fn::Sub" when value is YamlSequenceNode { Children: [YamlScalarNode text, ..] } sub => InSub(text.Value).Concat(sub.Children.Skip(1).SelectMany(In)),
                        _ => In(value),
                    };
                    foreach (var name in names) yield return name;
                }
                break;
        }
    }

    // ${Name} and ${Name.Attribute}; ${!Literal} is not a reference.
    private static IEnumerable<string> InSub(string? text) =>
        SubVariable().Matches(text ?? "").Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")]
    private static partial Regex SubVariable();
}

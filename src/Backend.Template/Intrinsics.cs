using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>
/// Resolves the intrinsic functions the emulator needs to local values: Ref, Fn::Sub, Fn::GetAtt, Fn::Join and
/// Fn::If (with the template's Conditions: Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition), in short (!Ref) and
/// long ({Ref: …}) form. Anything else is an error naming it.
/// </summary>
internal sealed partial class Intrinsics(
    IReadOnlyDictionary<string, string> parameters,
    Func<string, string?> refResource,
    Func<string, string, string?> getAtt,
    LocalValues local,
    YamlMappingNode? conditions = null)
{
    public string Resolve(YamlNode node, string where)
    {
        switch (node)
        {
            case YamlScalarNode scalar when scalar.Tag.IsEmpty:
                return scalar.Value ?? "";
            case YamlScalarNode { Tag.Value: "!Ref" } scalar:
                return Ref(scalar.Value ?? "", where);
            case YamlScalarNode { Tag.Value: "!Sub" } scalar:
                return Sub(scalar.Value ?? "", new Dictionary<string, string>(), where);
            case YamlScalarNode { Tag.Value: "!GetAtt" } scalar:
                return GetAtt(scalar.Value ?? "", where);
            case YamlSequenceNode sequence when sequence.Tag.Value == "!Sub":
                return SubWithVariables(sequence, where);
            case YamlSequenceNode sequence when sequence.Tag.Value == "!GetAtt":
                return GetAtt(string.Join('.', sequence.Children.Select(c => Resolve(c, where))), where);
            case YamlSequenceNode sequence when sequence.Tag.Value == "!Join":
                return Join(sequence, where);
            case YamlSequenceNode sequence when sequence.Tag.Value == "!If":
                return If(sequence, where);
            case YamlMappingNode { Children.Count: 1 } map:
                var (key, value) = map.Entries().Single();
                return key switch
                {
                    "Ref" => Ref(Resolve(value, where), where),
                    "Fn::Sub" when value is YamlSequenceNode sequence => SubWithVariables(sequence, where),
                    "Fn::Sub" => Sub(Resolve(value, where), new Dictionary<string, string>(), where),
                    "Fn::GetAtt" when value is YamlSequenceNode sequence => GetAtt(string.Join('.', sequence.Children.Select(c => Resolve(c, where))), where),
                    "Fn::GetAtt" => GetAtt(Resolve(value, where), where),
                    "Fn::Join" when value is YamlSequenceNode sequence => Join(sequence, where),
                    "Fn::If" when value is YamlSequenceNode sequence => If(sequence, where),
                    _ => throw Unsupported(key, where),
                };
        }
        var tag = node.Tag.IsEmpty ? node.NodeType.ToString() : node.Tag.Value;
        throw Unsupported(tag, where);
    }

    private static TemplateException Unsupported(string construct, string where) =>
        new($"{where}: {construct} is not supported by the local emulator (it resolves Ref, Fn::Sub, Fn::GetAtt, Fn::Join and Fn::If)");

    private string Ref(string name, string where)
    {
        if (parameters.TryGetValue(name, out var value)) return value;
        var pseudo = name switch
        {
            "AWS::Region" => local.Region,
            "AWS::AccountId" => local.AccountId,
            "AWS::StackName" => local.StackName,
            "AWS::Partition" => "aws",
            "AWS::URLSuffix" => "amazonaws.com",
            "AWS::NoValue" => "",
            _ => refResource(name),
        };
        return pseudo ?? throw new TemplateException($"{where}: !Ref {name} names no parameter or resource of the template");
    }

    private string GetAtt(string path, string where)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) throw new TemplateException($"{where}: !GetAtt {path} must be Resource.Attribute");
        return getAtt(path[..dot], path[(dot + 1)..])
            ?? throw new TemplateException($"{where}: !GetAtt {path} is not supported by the local emulator");
    }

    private string SubWithVariables(YamlSequenceNode sequence, string where)
    {
        if (sequence.Children.Count != 2 || sequence.Children[1] is not YamlMappingNode variables)
            throw new TemplateException($"{where}: Fn::Sub takes a string or [string, {{variables}}]");
        var values = variables.Entries().ToDictionary(v => v.Key, v => Resolve(v.Value, where));
        return Sub(Resolve(sequence.Children[0], where), values, where);
    }

    private string Sub(string text, IReadOnlyDictionary<string, string> variables, string where) =>
        SubVariable().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('!')) return "${" + name[1..] + "}"; // ${!Literal} stays literal
            if (variables.TryGetValue(name, out var value)) return value;
            return name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal)
                ? GetAtt(name, where)
                : Ref(name, where);
        });

    private string Join(YamlSequenceNode sequence, string where)
    {
        if (sequence.Children.Count != 2 || sequence.Children[1] is not YamlSequenceNode items)
            throw new TemplateException($"{where}: Fn::Join takes [delimiter, [values]]");
        return string.Join(Resolve(sequence.Children[0], where), items.Children.Select(i => Resolve(i, where)));
    }

    /// <summary>Fn::If [condition, value if true, value if false]: the chosen value, resolved.</summary>
    private string If(YamlSequenceNode sequence, string where)
    {
        if (sequence.Children.Count != 3 || sequence.Children[0] is not YamlScalarNode { Value: { Length: > 0 } name })
            throw new TemplateException($"{where}: Fn::If takes [ConditionName, value if true, value if false]");
        return Resolve(sequence.Children[Condition(name, where) ? 1 : 2], where);
    }

    /// <summary>The template's condition of that name, evaluated with the parameters' values.</summary>
    private bool Condition(string name, string where, int depth = 0)
    {
        // A condition naming itself, directly or not, would never end: CloudFormation refuses the template too.
        if (depth > 32) throw new TemplateException($"{where}: condition {name} refers to itself");
        var definition = conditions?.Child(name) ?? throw new TemplateException($"{where}: Fn::If names {name}, which is not in the template's Conditions");
        return IsTrue(definition, $"Conditions.{name}", depth);
    }

    private bool IsTrue(YamlNode node, string where, int depth)
    {
        var (function, arguments) = node switch
        {
            YamlSequenceNode { Tag.IsEmpty: false } tagged => (tagged.Tag.Value.TrimStart('!'), tagged.Children),
            YamlScalarNode { Tag.Value: "!Condition", Value: { } referenced } => ("Condition", new List<YamlNode> { new YamlScalarNode(referenced) }),
            YamlMappingNode { Children.Count: 1 } map when map.Entries().Single() is var (key, value) =>
                (key.StartsWith("Fn::", StringComparison.Ordinal) ? key[4..] : key, value is YamlSequenceNode list ? list.Children : new List<YamlNode> { value }),
            _ => throw new TemplateException($"{where}: a condition is Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition"),
        };
        return function switch
        {
            "Equals" when arguments.Count == 2 => Resolve(arguments[0], where) == Resolve(arguments[1], where),
            "Not" when arguments.Count == 1 => !IsTrue(arguments[0], where, depth),
            "And" when arguments.Count >= 2 => arguments.All(a => IsTrue(a, where, depth)),
            "Or" when arguments.Count >= 2 => arguments.Any(a => IsTrue(a, where, depth)),
            "Condition" when arguments is [YamlScalarNode { Value: { } name }] => Condition(name, where, depth + 1),
            _ => throw new TemplateException($"{where}: Fn::{function} with {arguments.Count} argument(s) is not a condition the local emulator evaluates (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition)"),
        };
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();
}

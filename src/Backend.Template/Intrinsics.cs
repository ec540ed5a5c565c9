using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>
/// Resolves the intrinsic functions the emulator needs to local values: Ref, Fn::Sub, Fn::GetAtt
/// and Fn::Join, in short (!Ref) and long ({Ref: …}) form. Anything else is an error naming it.
/// </summary>
internal sealed partial class Intrinsics(
    IReadOnlyDictionary<string, string> parameters,
    Func<string, string?> refResource,
    Func<string, string, string?> getAtt,
    LocalValues local)
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
                    _ => throw Unsupported(key, where),
                };
        }
        var tag = node.Tag.IsEmpty ? node.NodeType.ToString() : node.Tag.Value;
        throw Unsupported(tag, where);
    }

    private static TemplateException Unsupported(string construct, string where) =>
        new($"{where}: {construct} is not supported by the local emulator (it resolves Ref, Fn::Sub, Fn::GetAtt and Fn::Join)");

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

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();
}

using YamlDotNet.RepresentationModel;

namespace Backend.Template;

/// <summary>
/// The template's Globals section, merged into each AWS::Serverless::Function, Api and HttpApi as SAM merges it
/// (aws-sam-translator's samtranslator/plugins/globals/globals.py): a map merges key by key with the resource's
/// value winning, a list is the global items then the resource's, anything else (an intrinsic function counts as
/// one value) is the resource's when it sets one. A resource's <c>IgnoreGlobals</c> ("*" or a list of property
/// names) leaves those out. Properties SAM does not take from Globals are refused with SAM's message, since
/// <c>sam deploy</c> would refuse the template.
/// </summary>
internal sealed class SamGlobals
{
    // SAM's supported_properties, the sections this emulator reads; the other sections SAM takes are checked too,
    // so a template that deploys is never refused here.
    private static readonly Dictionary<string, string[]> Supported = new(StringComparer.Ordinal)
    {
        ["Function"] =
        [
            "Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize", "Timeout", "VpcConfig", "Environment",
            "Tags", "PropagateTags", "Tracing", "KmsKeyArn", "AutoPublishAlias", "AutoPublishAliasAllProperties", "Layers",
            "DeploymentPreference", "RolePath", "PermissionsBoundary", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig",
            "AssumeRolePolicyDocument", "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn", "Architectures", "SnapStart",
            "EphemeralStorage", "FunctionUrlConfig", "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn",
        ],
        ["Api"] =
        [
            "Auth", "Name", "DefinitionUri", "CacheClusterEnabled", "CacheClusterSize", "MergeDefinitions", "Variables",
            "EndpointConfiguration", "MethodSettings", "BinaryMediaTypes", "MinimumCompressionSize", "Cors", "GatewayResponses",
            "AccessLogSetting", "CanarySetting", "TracingEnabled", "OpenApiVersion", "Domain", "AlwaysDeploy", "PropagateTags",
        ],
        ["HttpApi"] =
        [
            "Auth", "AccessLogSettings", "StageVariables", "Tags", "CorsConfiguration", "DefaultRouteSettings", "Domain",
            "RouteSettings", "FailOnWarnings", "PropagateTags",
        ],
        ["SimpleTable"] = ["SSESpecification"],
        ["StateMachine"] = ["PropagateTags"],
        ["LayerVersion"] = ["PublishLambdaVersion"],
    };

    private readonly Dictionary<string, YamlMappingNode> _sections = new(StringComparer.Ordinal);

    public SamGlobals(YamlNode? globals)
    {
        if (globals is null) return;
        if (globals is not YamlMappingNode map) throw Invalid("It must be a non-empty dictionary");
        foreach (var (section, properties) in map.Entries())
        {
            if (!Supported.TryGetValue(section, out var names))
                throw Invalid($"'{section}' is not supported. Must be one of the following values - [{string.Join(", ", Supported.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))}]");
            if (properties is not YamlMappingNode sectionMap) throw Invalid($"Value of {section} must be a dictionary");
            foreach (var (name, _) in sectionMap.Entries())
            {
                if (!names.Contains(name, StringComparer.Ordinal))
                    throw Invalid($"'{name}' is not a supported property of '{section}'. Must be one of the following values - [{string.Join(", ", names.Select(n => $"'{n}'"))}]");
            }
            _sections[section] = sectionMap;
        }
    }

    /// <summary>A resource's Properties with the Globals of its type merged in (SAM's type name without AWS::Serverless::).</summary>
    public YamlMappingNode? Merge(string section, YamlMappingNode resource, string logicalId)
    {
        var local = resource.Mapping("Properties");
        if (!_sections.TryGetValue(section, out var globals)) return local;
        var ignored = IgnoredBy(resource, logicalId, globals);
        var applied = new YamlMappingNode();
        foreach (var (name, value) in globals.Entries())
            if (!ignored.Contains(name)) applied.Add(name, value);
        if (applied.Children.Count == 0) return local;
        return local is null ? applied : (YamlMappingNode)MergeValues(applied, local);
    }

    /// <summary>The resource attribute IgnoreGlobals: "*" (every global of its type) or a list of them.</summary>
    private static HashSet<string> IgnoredBy(YamlMappingNode resource, string logicalId, YamlMappingNode globals)
    {
        var names = globals.Entries().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        switch (resource.Child("IgnoreGlobals"))
        {
            case null:
                return [];
            case YamlScalarNode { Value: "*" }:
                return names;
            case YamlSequenceNode list:
                var ignored = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in list.Children)
                {
                    var name = (item as YamlScalarNode)?.Value ?? "";
                    if (!names.Contains(name))
                        throw new TemplateException($"Resources.{logicalId}: Resource {logicalId} has invalid resource attribute 'IgnoreGlobals' on item '{name}'.");
                    ignored.Add(name);
                }
                return ignored;
            default:
                throw new TemplateException($"Resources.{logicalId}: Resource {logicalId} has invalid resource attribute 'IgnoreGlobals'.");
        }
    }

    private static YamlNode MergeValues(YamlNode global, YamlNode local) => (global, local) switch
    {
        (YamlMappingNode g, YamlMappingNode l) when !IsIntrinsic(g) && !IsIntrinsic(l) => MergeMaps(g, l),
        (YamlSequenceNode g, YamlSequenceNode l) when IsPlain(g) && IsPlain(l) => new YamlSequenceNode(g.Children.Concat(l.Children)),
        _ => local,
    };

    private static YamlMappingNode MergeMaps(YamlMappingNode global, YamlMappingNode local)
    {
        var merged = new YamlMappingNode();
        foreach (var (name, value) in global.Entries())
            merged.Add(name, local.Child(name) is { } own ? MergeValues(value, own) : value);
        foreach (var (name, value) in local.Entries())
            if (global.Child(name) is null) merged.Add(name, value);
        return merged;
    }

    // A tagged node (!Ref, !If, …) is an intrinsic function in short form: one value, as SAM treats intrinsics.
    private static bool IsPlain(YamlNode node) => node.Tag.IsEmpty || node.Tag.IsNonSpecific;

    // SAM's is_intrinsics: a map of one key, Ref, Condition or Fn::….
    private static bool IsIntrinsic(YamlMappingNode map) =>
        !IsPlain(map) || map.Children.Count == 1 && map.Entries().Single().Key is var key && (key is "Ref" or "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal));

    private static TemplateException Invalid(string message) => new($"Globals: 'Globals' section is invalid. {message}");
}

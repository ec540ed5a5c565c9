using YamlDotNet.RepresentationModel;

namespace Backend.Template;

public sealed partial class SamTemplate
{
    private static readonly HashSet<string> IgnoredFunctionProperties =
        ["Policies", "Role", "Events", "AutoPublishAlias", "Tags", "DeploymentPreference", "PermissionsBoundary", "VpcConfig", "Layers", "FunctionUrlConfig", "KmsKeyArn", "Metadata", "EphemeralStorage", "SnapStart", "RuntimeManagementConfig"];

    private static readonly HashSet<string> ReadFunctionProperties =
        ["CodeUri", "Handler", "Runtime", "Architectures", "MemorySize", "Timeout", "Environment", "ReservedConcurrentExecutions", "Description", "LoggingConfig", "Tracing", "FunctionName"];

    private List<FunctionDefinition> ReadFunctions()
    {
        var tables = Resources("AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable").Select(t => t.LogicalId).ToHashSet(StringComparer.Ordinal);
        return Resources("AWS::Serverless::Function").Select(f =>
        {
            var where = $"Resources.{f.LogicalId}.Properties";
            var properties = _globals.Merge("Function", f.Resource, f.LogicalId) ?? throw new TemplateException($"Resources.{f.LogicalId} has no Properties");
            foreach (var (name, _) in properties.Entries())
            {
                if (name == "PackageType" && properties.Scalar("PackageType") == "Image")
                    throw new TemplateException($"{where}.PackageType: Image functions are not supported by the local emulator");
                if (name == "InlineCode")
                    throw new TemplateException($"{where}.InlineCode: inline code is not supported by the local emulator (use CodeUri)");
                if (!ReadFunctionProperties.Contains(name) && !IgnoredFunctionProperties.Contains(name) && name != "PackageType")
                    _warnings.Add($"{where}.{name} is ignored locally");
            }

            YamlNode? Setting(string name) => properties.Child(name);
            string? Text(string name) => Setting(name) is { } node ? _intrinsics.Resolve(node, $"{where}.{name}") : null;

            var runtime = Text("Runtime") ?? throw new TemplateException($"{where}.Runtime is missing (here or in Globals.Function)");
            if (!runtime.StartsWith("dotnet", StringComparison.Ordinal) && !runtime.StartsWith("provided", StringComparison.Ordinal))
                throw new TemplateException($"{where}.Runtime: {runtime} is not supported by the local emulator (it runs .NET executables: dotnet8, dotnet10, and Native AOT bootstraps: provided.al2023, provided.al2)");
            var codeUri = Text("CodeUri") ?? throw new TemplateException($"{where}.CodeUri is missing");
            var handler = Text("Handler") ?? throw new TemplateException($"{where}.Handler is missing");
            if (handler.Contains("::", StringComparison.Ordinal))
                throw new TemplateException($"{where}.Handler: class-library handlers (Assembly::Type::Method) are not supported; the emulator runs executable assemblies (Handler: AssemblyName)");

            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in properties.Mapping("Environment")?.Mapping("Variables").Entries() ?? [])
                environment[name] = _intrinsics.Resolve(value, $"{where}.Environment.Variables.{name}");

            var logging = Setting("LoggingConfig") as YamlMappingNode;
            var reserved = Text("ReservedConcurrentExecutions");
            return new FunctionDefinition(
                f.LogicalId,
                FunctionNameOf(f.LogicalId),
                codeUri,
                handler,
                runtime,
                Setting("Architectures").Items().Select(a => _intrinsics.Resolve(a, $"{where}.Architectures")).FirstOrDefault() ?? "x86_64",
                ToInt(Text("MemorySize"), 128, $"{where}.MemorySize"),
                ToInt(Text("Timeout"), 3, $"{where}.Timeout"),
                environment,
                reserved is null ? null : ToInt(reserved, 0, $"{where}.ReservedConcurrentExecutions"),
                Text("Description") ?? "",
                logging?.Child("LogFormat") is { } format ? _intrinsics.Resolve(format, $"{where}.LoggingConfig.LogFormat") : null,
                logging?.Child("ApplicationLogLevel") is { } level ? _intrinsics.Resolve(level, $"{where}.LoggingConfig.ApplicationLogLevel") : null,
                Text("Tracing") == "Active")
            {
                TableReferences = ResourceReferences.In(properties).Where(tables.Contains).Distinct(StringComparer.Ordinal).ToList(),
            };
        }).ToList();
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Backend.Template;

public sealed partial class SamTemplate
{
    private List<ApiDefinition> ReadApis() =>
        Resources("AWS::Serverless::Api", "AWS::Serverless::HttpApi").Select(a =>
        {
            var kind = a.Resource.Scalar("Type") == "AWS::Serverless::Api" ? ApiKind.Rest : ApiKind.Http;
            return ReadApi(a.LogicalId, kind, _globals.Merge(GlobalsSection(kind), a.Resource, a.LogicalId), $"Resources.{a.LogicalId}.Properties");
        }).ToList();

    private static string GlobalsSection(ApiKind kind) => kind == ApiKind.Rest ? "Api" : "HttpApi";

    /// <summary>One API from its properties (Globals merged in); <paramref name="where"/> names them in errors.</summary>
    private ApiDefinition ReadApi(string logicalId, ApiKind kind, YamlMappingNode? properties, string where, string? implicitStage = null)
    {
        if (properties?.Child("DefinitionBody") is not null || properties?.Child("DefinitionUri") is not null)
            throw new TemplateException($"{where}: DefinitionBody/DefinitionUri (OpenAPI) is not supported by the local emulator; declare routes as function events");
        var stage = implicitStage ?? (properties?.Child("StageName") is { } s ? _intrinsics.Resolve(s, $"{where}.StageName") : kind == ApiKind.Rest ? null : "$default");
        if (stage is null) throw new TemplateException($"{where}.StageName is required for AWS::Serverless::Api");
        var models = properties.Mapping("Models").Entries().ToDictionary(m => m.Key, m => YamlJson.ToJson(m.Value) ?? new JsonObject());
        // SAM's BinaryMediaTypes: "Use ~1 instead of / in the mime types"; aws-sam-translator's
        // SwaggerEditor.add_binary_media_types writes each "~1" as "/" into x-amazon-apigateway-binary-media-types.
        var binary = properties?.Child("BinaryMediaTypes").Items().Select(b => _intrinsics.Resolve(b, $"{where}.BinaryMediaTypes").Replace("~1", "/", StringComparison.Ordinal)).ToList() ?? [];
        var cors = properties?.Child("Cors") is { } corsNode
            ? kind == ApiKind.Rest ? Cors(corsNode, $"{where}.Cors") : throw new TemplateException($"{where}.Cors is not a property of AWS::Serverless::HttpApi (CorsConfiguration is)")
            : null;
        if (kind == ApiKind.Rest && properties?.Child("CorsConfiguration") is not null)
            throw new TemplateException($"{where}.CorsConfiguration is not a property of AWS::Serverless::Api (Cors is)");
        var (authorization, authorizers) = Authorization(properties, kind, where);
        if (cors is not null && authorizers.ContainsKey(authorization) && AuthorizeCorsPreflight(properties, where))
            throw new TemplateException($"{where}.Auth: a Lambda DefaultAuthorizer on the CORS preflight is not supported by the local emulator (set AddDefaultAuthorizerToCorsPreflight: false; browsers send no credentials on a preflight)");
        return new ApiDefinition(logicalId, kind, stage, models, binary, authorization, cors, AuthorizeCorsPreflight(properties, where))
        {
            Authorizers = authorizers,
            // SAM names the same stage map differently per resource (aws-sam-translator's sam_resources.py:
            // SamApi "Variables", SamHttpApi "StageVariables"); the other name is not a property of that type.
            StageVariables = StageVariables(properties, where, kind == ApiKind.Rest ? "Variables" : "StageVariables"),
            HttpCors = kind == ApiKind.Http ? HttpCors(properties, where) : null,
            Throttling = Throttling(properties, kind, where),
            AccessLog = AccessLog(properties, where, kind),
        };
    }

    /// <summary>
    /// A stage's variables, each value resolved like any other property. API Gateway refuses a deployment whose
    /// names are not alphanumeric/underscore or whose values do not match [A-Za-z0-9-._~:/?#&amp;=,]+ (API Gateway API
    /// reference, CreateStage/Stage "variables"; apigatewayv2 Stage "stageVariables"), so the emulator refuses
    /// them too rather than let a template that cannot deploy run locally.
    /// </summary>
    private Dictionary<string, string> StageVariables(YamlMappingNode? properties, string where, string property)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = properties.Child(property);
        where = $"{where}.{property}";
        if (node is null) return variables;
        if (node is not YamlMappingNode map) throw new TemplateException($"{where} must be a map of stage variable name to value");
        foreach (var (name, value) in map.Entries())
        {
            if (!StageVariableName().IsMatch(name))
                throw new TemplateException($"{where}.{name}: a stage variable name may have only alphanumeric and underscore characters");
            var resolved = _intrinsics.Resolve(value, $"{where}.{name}");
            if (!StageVariableValue().IsMatch(resolved))
                throw new TemplateException($"{where}.{name}: the value '{resolved}' does not match [A-Za-z0-9-._~:/?#&=,]+, which API Gateway requires of stage variable values");
            variables[name] = resolved;
        }
        return variables;
    }

    /// <summary>
    /// The stage's access log Format, intrinsics resolved and parsed. SAM names the setting per resource (SamApi
    /// "AccessLogSetting", SamHttpApi "AccessLogSettings", aws-sam-translator's sam_resources.py); its DestinationArn
    /// names a log group, which locally is the file .local/logs/&lt;Api&gt;-access.log.
    /// </summary>
    private AccessLogFormat? AccessLog(YamlMappingNode? properties, string where, ApiKind kind)
    {
        var (property, other) = kind == ApiKind.Rest ? ("AccessLogSetting", "AccessLogSettings") : ("AccessLogSettings", "AccessLogSetting");
        if (properties?.Child(other) is not null)
            throw new TemplateException($"{where}.{other} is not a property of {(kind == ApiKind.Rest ? "AWS::Serverless::Api" : "AWS::Serverless::HttpApi")} ({property} is)");
        if (properties?.Child(property) is not { } setting) return null;
        where = $"{where}.{property}.Format";
        if (setting.Child("Format") is not { } format) throw new TemplateException($"{where} is missing: an access log needs a format");
        return AccessLogFormat.Parse(_intrinsics.Resolve(format, where), kind, where);
    }

    // \z, not $: $ also matches before a final newline, which a YAML block scalar (|) leaves in a value.
    [GeneratedRegex("^[A-Za-z0-9_]+\\z")]
    private static partial Regex StageVariableName();

    [GeneratedRegex("^[A-Za-z0-9\\-._~:/?#&=,]+\\z")]
    private static partial Regex StageVariableValue();

    private List<RouteDefinition> ReadRoutes()
    {
        var routes = new List<RouteDefinition>();
        foreach (var (logicalId, resource) in Resources("AWS::Serverless::Function"))
        {
            foreach (var (eventName, node) in resource.Mapping("Properties")?.Mapping("Events").Entries() ?? [])
            {
                var where = $"Resources.{logicalId}.Properties.Events.{eventName}";
                var type = node.Scalar("Type");
                if (type is not ("Api" or "HttpApi"))
                {
                    _warnings.Add($"{where}: events of type {type} are not triggered locally");
                    continue;
                }
                var properties = node.Mapping("Properties") ?? throw new TemplateException($"{where} has no Properties");
                var api = ApiFor(type == "Api" ? ApiKind.Rest : ApiKind.Http, properties.Child(type == "Api" ? "RestApiId" : "ApiId"), where);
                if (type == "HttpApi") RefuseRouteThrottling(properties, where);
                var method = (properties.Scalar("Method") ?? throw new TemplateException($"{where}.Method is missing")).ToUpperInvariant();
                var path = properties.Scalar("Path") ?? throw new TemplateException($"{where}.Path is missing");
                routes.Add(new RouteDefinition(logicalId, eventName, api, method, path, type == "Api" ? Validation(properties, api, where) : null)
                {
                    Authorization = RouteAuthorization(properties, api, method, path, where),
                });
            }
        }
        var duplicate = routes.GroupBy(r => (r.Api.Kind, r.RouteKey)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new TemplateException($"route {duplicate.Key.RouteKey} is declared twice ({string.Join(", ", duplicate.Select(r => r.FunctionLogicalId + "." + r.EventName))})");
        return routes;
    }

    /// <summary>The API an event names, or SAM's implicit API (stage Prod for REST, $default for HTTP) when it names none.</summary>
    private ApiDefinition ApiFor(ApiKind kind, YamlNode? reference, string where)
    {
        if (reference is null)
        {
            var implicitId = kind == ApiKind.Rest ? ImplicitRestApi : ImplicitHttpApi;
            var existing = Apis.FirstOrDefault(a => a.LogicalId == implicitId);
            if (existing is not null) return existing;
            // SAM's implicit API takes Globals.Api (or HttpApi) like any other; its stage is always Prod ($default), which
            // Globals cannot change (aws-sam-translator's globals.py leaves StageName out for this very API).
            var created = ReadApi(implicitId, kind, _globals.Merge(GlobalsSection(kind), new YamlMappingNode(), implicitId), $"Globals.{GlobalsSection(kind)}",
                kind == ApiKind.Rest ? "Prod" : "$default");
            Apis = [.. Apis, created];
            return created;
        }
        var id = reference switch
        {
            YamlScalarNode { Tag.Value: "!Ref" } r => r.Value,
            YamlMappingNode m when m.Scalar("Ref") is { } r => r,
            _ => throw new TemplateException($"{where}: the API must be given as !Ref ApiLogicalId"),
        };
        var api = Apis.FirstOrDefault(a => a.LogicalId == id) ?? throw new TemplateException($"{where}: !Ref {id} names no API of the template");
        if (api.Kind != kind) throw new TemplateException($"{where}: {id} is not an {(kind == ApiKind.Rest ? "AWS::Serverless::Api" : "AWS::Serverless::HttpApi")}");
        return api;
    }

    /// <summary>SAM's RequestParameters and RequestModel, as API Gateway's request validator will check them.</summary>
    private RequestValidation? Validation(YamlMappingNode properties, ApiDefinition api, string where)
    {
        var query = new List<string>();
        var headers = new List<string>();
        foreach (var item in properties.Child("RequestParameters").Items())
        {
            var (name, required) = item switch
            {
                YamlScalarNode s => (s.Value ?? "", false),
                YamlMappingNode m when m.Children.Count == 1 => (m.Entries().Single().Key, m.Entries().Single().Value.Scalar("Required") == "true"),
                _ => throw new TemplateException($"{where}.RequestParameters: each item is a name or {{name: {{Required: bool}}}}"),
            };
            if (!required) continue;
            if (name.StartsWith("method.request.querystring.", StringComparison.Ordinal)) query.Add(name["method.request.querystring.".Length..]);
            else if (name.StartsWith("method.request.header.", StringComparison.Ordinal)) headers.Add(name["method.request.header.".Length..]);
            else if (!name.StartsWith("method.request.path.", StringComparison.Ordinal))
                throw new TemplateException($"{where}.RequestParameters: {name} is not a method.request.querystring/header/path parameter");
        }
        var model = properties.Mapping("RequestModel");
        if (model is null) return query.Count + headers.Count == 0 ? null : new RequestValidation(query, headers, null, false, false);
        var modelName = model.Scalar("Model") ?? throw new TemplateException($"{where}.RequestModel.Model is missing");
        if (api.Model(modelName) is null) throw new TemplateException($"{where}.RequestModel: {modelName} is not one of {api.LogicalId}'s Models");
        return new RequestValidation(query, headers, modelName, model.Scalar("ValidateBody") == "true", model.Scalar("ValidateParameters") == "true");
    }
}

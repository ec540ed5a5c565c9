using System.Text.Json.Nodes;

namespace Backend.Template;

/// <summary>An AWS::Serverless::Function with Globals applied and intrinsics resolved to local values.</summary>
public sealed record FunctionDefinition(
    string LogicalId,
    string FunctionName,
    string CodeUri,
    string Handler,
    string Runtime,
    string Architecture,
    int MemorySize,
    int Timeout,
    IReadOnlyDictionary<string, string> Environment,
    int? ReservedConcurrentExecutions,
    string Description,
    string? LogFormat,
    string? ApplicationLogLevel,
    bool TracingActive)
{
    /// <summary>
    /// The template's tables (logical ids) the function is wired to, in its Environment, Policies or anywhere else in
    /// its Properties; null when nothing says (a function created through the Lambda API), which is not "none".
    /// </summary>
    public IReadOnlyList<string>? TableReferences { get; init; }
}

public enum ApiKind
{
    /// <summary>AWS::Serverless::Api, payload format 1.0.</summary>
    Rest,
    /// <summary>AWS::Serverless::HttpApi, payload format 2.0.</summary>
    Http,
}

/// <summary>An API: its kind, stage and (REST) models, whose JSON schemas validate request bodies.</summary>
/// <param name="Authorization">Auth.DefaultAuthorizer: NONE, AWS_IAM (every route needs a SigV4-signed request) or one of <see cref="Authorizers"/>.</param>
/// <param name="Cors">SAM's Cors (REST): API Gateway then answers OPTIONS on every path of the API itself.</param>
/// <param name="AuthorizeCorsPreflight">Auth.AddDefaultAuthorizerToCorsPreflight: whether those OPTIONS methods need the default authorizer too.</param>
public sealed record ApiDefinition(
    string LogicalId, ApiKind Kind, string StageName, IReadOnlyDictionary<string, JsonNode> Models, IReadOnlyList<string> BinaryMediaTypes,
    string Authorization = ApiDefinition.NoAuthorization, CorsDefinition? Cors = null, bool AuthorizeCorsPreflight = true)
{
    public const string NoAuthorization = "NONE";

    /// <summary>
    /// The stage's variables (SAM's Variables on an Api, StageVariables on an HttpApi), intrinsics resolved: what a
    /// function finds in event.stageVariables. Empty when the template sets none, never null, so callers need no check.
    /// </summary>
    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>SAM's CorsConfiguration (HTTP API): API Gateway answers preflights and sets CORS headers itself.</summary>
    public HttpCorsDefinition? HttpCors { get; init; }

    /// <summary>
    /// The stage's throttling (a REST API's MethodSettings, an HTTP API's DefaultRouteSettings and RouteSettings), only
    /// the settings that name a limit. Empty when the template sets none: then only AWS's account-level limit applies.
    /// </summary>
    public IReadOnlyList<ThrottleSetting> Throttling { get; init; } = [];

    /// <summary>The stage's access log format (SAM's AccessLogSetting/AccessLogSettings Format), parsed; null when the stage logs no access.</summary>
    public AccessLogFormat? AccessLog { get; init; }

    /// <summary>The API's id locally (its logical id, lower-cased): in events' requestContext.apiId and in execute-api ARNs.</summary>
    public string ApiId => LogicalId.ToLowerInvariant();

    public const string IamAuthorization = "AWS_IAM";

    /// <summary>The API's Lambda authorizers (Auth.Authorizers) by name; empty when it has none.</summary>
    public IReadOnlyDictionary<string, AuthorizerDefinition> Authorizers { get; init; } = new Dictionary<string, AuthorizerDefinition>();

    /// <summary>The Lambda authorizer that guards a route whose authorization is <paramref name="authorization"/>, if it names one.</summary>
    public AuthorizerDefinition? LambdaAuthorizer(string authorization) => Authorizers.GetValueOrDefault(authorization);

    /// <summary>A model by name; SAM writes model names lower-cased into its Swagger, so references may use either.</summary>
    public JsonNode? Model(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// SAM's Cors of a REST API, its values unquoted (SAM takes API Gateway string expressions: "'*'" is the text *).
/// A value left out is a header the preflight answer does not carry; AllowMethods left out is, per path, the
/// path's methods and OPTIONS (SAM computes it so).
/// </summary>
public sealed record CorsDefinition(string AllowOrigin, string? AllowMethods, string? AllowHeaders, string? MaxAge, bool AllowCredentials)
{
    /// <summary>SAM's default AllowOrigin, and the string form's only property: <c>Cors: "'*'"</c>.</summary>
    public const string AnyOrigin = "*";
}

/// <summary>What API Gateway checks before the function runs (a REST request validator).</summary>
public sealed record RequestValidation(
    IReadOnlyList<string> RequiredQueryParameters,
    IReadOnlyList<string> RequiredHeaders,
    string? BodyModel,
    bool ValidateBody,
    bool ValidateParameters);

/// <summary>One Api or HttpApi event: METHOD path on an API, served by a function.</summary>
public sealed record RouteDefinition(string FunctionLogicalId, string EventName, ApiDefinition Api, string Method, string Path, RequestValidation? Validation)
{
    public string RouteKey => $"{Method} {Path}";

    /// <summary>The event's own Auth.Authorizer (NONE, AWS_IAM or an authorizer's name); null: the API's DefaultAuthorizer applies.</summary>
    public string? Authorization { get; init; }

    /// <summary>What guards the route: its own Auth.Authorizer, else its API's default.</summary>
    public string EffectiveAuthorization => Authorization ?? Api.Authorization;
}

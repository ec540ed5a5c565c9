using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Backend.Lambda.Serialization;
using Backend.Local.ControlPlane;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases.</summary>
internal sealed partial class AliasOperations(FunctionCatalog catalog)
{
    [GeneratedRegex(@"^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$")]
    private static partial Regex AliasName();

    [GeneratedRegex(@"^[0-9]+$")]
    private static partial Regex VersionNumber();

    private static readonly string[] CreateMembers = ["Name", "FunctionVersion", "Description", "RoutingConfig"];
    private static readonly string[] UpdateMembers = ["FunctionVersion", "Description", "RoutingConfig", "RevisionId"];

    public async Task<HttpReply> CreateAsync(HttpContext http, PathValues path)
    {
        var address = Function(path);
        var request = await JsonRequest.ReadAsync(http, ControlPlaneLimits.RequestBytes, "CreateAlias", CreateMembers);
        var name = request.RequiredString("Name");
        var version = request.RequiredString("FunctionVersion");
        CheckName(name);
        var weights = Weights(request);
        var alias = await catalog.ChangeAsync(address, current =>
        {
            if (current.Aliases.ContainsKey(name))
                throw new LambdaApiException(LambdaApiErrors.Conflict($"Alias already exists: {catalog.Local.FunctionArn(current.Name)}:{name}"));
            var alias = new AliasState { Name = name, FunctionVersion = version, Description = request.String("Description") ?? "", AdditionalVersionWeights = weights ?? [], RevisionId = Revisions.New() };
            CheckTargets(current, alias);
            return (current with { Aliases = new(current.Aliases) { [name] = alias } }, alias);
        });
        return HttpReply.Json(201, Json(address.Name, alias));
    }

    public HttpReply Get(HttpContext http, PathValues path)
    {
        var function = catalog.Get(Function(path));
        return HttpReply.Json(200, Json(function.Name, Find(function, path["alias"])));
    }

    public async Task<HttpReply> UpdateAsync(HttpContext http, PathValues path)
    {
        var address = Function(path);
        var request = await JsonRequest.ReadAsync(http, ControlPlaneLimits.RequestBytes, "UpdateAlias", UpdateMembers);
        var weights = Weights(request);
        var alias = await catalog.ChangeAsync(address, current =>
        {
            var was = Find(current, path["alias"]);
            Revisions.Check(request.String("RevisionId"), was.RevisionId);
            var alias = was with
            {
                FunctionVersion = request.String("FunctionVersion") ?? was.FunctionVersion,
                Description = request.String("Description") ?? was.Description,
                AdditionalVersionWeights = weights ?? was.AdditionalVersionWeights,
                RevisionId = Revisions.New(),
            };
            CheckTargets(current, alias);
            return (current with { Aliases = new(current.Aliases) { [alias.Name] = alias } }, alias);
        });
        return HttpReply.Json(200, Json(address.Name, alias));
    }

    public async Task<HttpReply> DeleteAsync(HttpContext http, PathValues path)
    {
        await catalog.ChangeAsync(Function(path), current =>
        {
            var alias = Find(current, path["alias"]);
            var aliases = new Dictionary<string, AliasState>(current.Aliases);
            aliases.Remove(alias.Name);
            var policies = new Dictionary<string, PolicyState>(current.Policies);
            policies.Remove(alias.Name);
            return (current with { Aliases = aliases, Policies = policies }, 0);
        });
        return new HttpReply(204, [], []);
    }

    public HttpReply List(HttpContext http, PathValues path)
    {
        var function = catalog.Get(Function(path));
        var version = http.Request.Query["FunctionVersion"].FirstOrDefault();
        var aliases = function.Aliases.Values.Where(a => version is null || a.FunctionVersion == version).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var (page, next) = Paging.TakeAfter(http, aliases, a => a.Name, _ => true);
        return HttpReply.Json(200, JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            if (next is not null) w.WriteString("NextMarker", next);
            w.WriteStartArray("Aliases");
            foreach (var alias in page) Write(w, function.Name, alias);
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private FunctionAddress Function(PathValues path) => FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), null, catalog.Local) with { Qualifier = null };

    private AliasState Find(FunctionState function, string name) =>
        function.Aliases.GetValueOrDefault(Uri.UnescapeDataString(name))
        ?? throw new LambdaApiException(LambdaApiErrors.NotFound($"Cannot find alias arn: {catalog.Local.FunctionArn(function.Name)}:{Uri.UnescapeDataString(name)}"));

    private static void CheckName(string name)
    {
        if (name.Length > 128) throw Invalid($"Value '{name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 128");
        if (!AliasName().IsMatch(name)) throw Invalid($"Value '{name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    }

    /// <summary>RoutingConfig's weights, checked as the service model and Lambda check them.</summary>
    private static Dictionary<string, double>? Weights(JsonRequest request)
    {
        if (request.Object("RoutingConfig") is not { } routing) return null;
        var weights = routing.NumberMap("AdditionalVersionWeights") ?? [];
        if (weights.Count > 1) throw new LambdaApiException(LambdaApiErrors.InvalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1"));
        foreach (var (version, weight) in weights)
        {
            var shown = $"{{{version}={weight.ToString("0.0###", CultureInfo.InvariantCulture)}}}";
            if (!VersionNumber().IsMatch(version))
                throw Invalid($"Value '{shown}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+, Member must not be null]");
            if (weight is < 0 or > 1)
                throw Invalid($"Value '{shown}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]");
        }
        return weights;
    }

    /// <summary>The versions an alias names must exist; $LATEST cannot be split.</summary>
    private void CheckTargets(FunctionState function, AliasState alias)
    {
        if (function.Version(alias.FunctionVersion) is null)
            throw new LambdaApiException(LambdaApiErrors.FunctionNotFound($"{catalog.Local.FunctionArn(function.Name)}:{alias.FunctionVersion}"));
        foreach (var other in alias.AdditionalVersionWeights.Keys)
        {
            if (other == alias.FunctionVersion)
                throw new LambdaApiException(LambdaApiErrors.InvalidParameter($"Invalid function version {other}. Function version {other} is already included in routing configuration."));
            if (alias.FunctionVersion == "$LATEST")
                throw new LambdaApiException(LambdaApiErrors.InvalidParameterWithoutType("$LATEST is not supported for an alias pointing to more than 1 version"));
            if (function.Version(other) is null)
                throw new LambdaApiException(LambdaApiErrors.FunctionNotFound($"{catalog.Local.FunctionArn(function.Name)}:{other}"));
        }
    }

    private byte[] Json(string functionName, AliasState alias) => JsonBytes.Write(w => Write(w, functionName, alias));

    private void Write(Utf8JsonWriter w, string functionName, AliasState alias)
    {
        w.WriteStartObject();
        w.WriteString("AliasArn", $"{catalog.Local.FunctionArn(functionName)}:{alias.Name}");
        w.WriteString("Description", alias.Description);
        w.WriteString("FunctionVersion", alias.FunctionVersion);
        w.WriteString("Name", alias.Name);
        w.WriteString("RevisionId", alias.RevisionId);
        if (alias.AdditionalVersionWeights.Count > 0)
        {
            w.WriteStartObject("RoutingConfig");
            w.WriteStartObject("AdditionalVersionWeights");
            foreach (var (version, weight) in alias.AdditionalVersionWeights) w.WriteNumber(version, weight);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static LambdaApiException Invalid(string message) => new(LambdaApiErrors.Validation(message));
}

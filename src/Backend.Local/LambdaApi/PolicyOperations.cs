using System.Text.RegularExpressions;
using Backend.Lambda.Serialization;
using Backend.Local.ControlPlane;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>AddPermission, RemovePermission and GetPolicy: one resource policy per qualifier (the function, a version, an alias).</summary>
internal sealed partial class PolicyOperations(FunctionCatalog catalog)
{
    [GeneratedRegex(@"^([a-zA-Z0-9-_]+)$")]
    private static partial Regex StatementIdPattern();

    [GeneratedRegex(@"^(lambda:[*]|lambda:[a-zA-Z]+|[*])$")]
    private static partial Regex ActionPattern();

    private static readonly string[] AddMembers =
        ["StatementId", "Action", "Principal", "SourceArn", "SourceAccount", "EventSourceToken", "RevisionId", "PrincipalOrgID", "FunctionUrlAuthType"];

    public async Task<HttpReply> AddAsync(HttpContext http, PathValues path)
    {
        var address = Address(http, path);
        var request = await JsonRequest.ReadAsync(http, ControlPlaneLimits.RequestBytes, "AddPermission", AddMembers,
            new Dictionary<string, string> { ["InvokedViaFunctionUrl"] = "InvokedViaFunctionUrl" });
        var sid = request.RequiredString("StatementId");
        var action = request.RequiredString("Action");
        var principal = request.RequiredString("Principal");
        if (sid.Length > 100 || !StatementIdPattern().IsMatch(sid))
            throw Invalid($"Value '{sid}' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
        if (!ActionPattern().IsMatch(action))
            throw Invalid($"Value '{action}' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
        if (!PolicyStatement.IsValidPrincipal(principal))
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter("The provided principal was invalid. Please check the principal and try again."));
        if (address.Qualifier == "$LATEST")
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter("We currently do not support adding policies for $LATEST."));
        var revision = request.String("RevisionId");
        var statement = await catalog.ChangeAsync(address, current =>
        {
            var key = CheckQualifier(current, address);
            var policy = current.Policies.GetValueOrDefault(key);
            Revisions.Check(revision, policy?.RevisionId ?? current.Latest.RevisionId);
            var statement = new PolicyStatement(sid, principal, action, address.Arn(catalog.Local), request.String("SourceArn"), request.String("SourceAccount"),
                request.String("EventSourceToken"), request.String("PrincipalOrgID"), request.String("FunctionUrlAuthType")).ToJson();
            var statements = policy?.Statements ?? [];
            if (statements.Any(s => SidOf(s) == sid))
                throw new LambdaApiException(LambdaApiErrors.Conflict($"The statement id ({sid}) provided already exists. Please provide a new statement id, or remove the existing statement."));
            var next = new PolicyState { Statements = [.. statements, statement], RevisionId = Revisions.New() };
            return (current with { Policies = new(current.Policies) { [key] = next } }, statement);
        });
        return HttpReply.Json(201, JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("Statement", statement);
            w.WriteEndObject();
        }));
    }

    public async Task<HttpReply> RemoveAsync(HttpContext http, PathValues path)
    {
        var address = Address(http, path);
        var sid = Uri.UnescapeDataString(path["sid"]);
        var revision = http.Request.Query["RevisionId"].FirstOrDefault();
        if (catalog.Find(address.Name) is null)
            throw new LambdaApiException(LambdaApiErrors.NotFound($"No policy found for: {address.Arn(catalog.Local)}"));
        await catalog.ChangeAsync(address, current =>
        {
            var key = CheckQualifier(current, address);
            if (current.Policies.GetValueOrDefault(key) is not { Statements.Count: > 0 } policy)
                throw new LambdaApiException(LambdaApiErrors.NotFound("No policy is associated with the given resource."));
            Revisions.Check(revision, policy.RevisionId);
            if (policy.Statements.All(s => SidOf(s) != sid))
                throw new LambdaApiException(LambdaApiErrors.NotFound($"Statement {sid} is not found in resource policy."));
            var next = new PolicyState { Statements = policy.Statements.Where(s => SidOf(s) != sid).ToList(), RevisionId = Revisions.New() };
            return (current with { Policies = new(current.Policies) { [key] = next } }, 0);
        });
        return new HttpReply(204, [], []);
    }

    public HttpReply Get(HttpContext http, PathValues path)
    {
        var address = Address(http, path);
        var function = catalog.Get(address);
        var key = CheckQualifier(function, address);
        if (function.Policies.GetValueOrDefault(key) is not { Statements.Count: > 0 } policy)
            throw new LambdaApiException(LambdaApiErrors.NotFound("The resource you requested does not exist."));
        return HttpReply.Json(200, JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("Policy", PolicyStatement.PolicyJson(policy.Statements));
            w.WriteString("RevisionId", policy.RevisionId);
            w.WriteEndObject();
        }));
    }

    private FunctionAddress Address(HttpContext http, PathValues path) =>
        FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), http.Request.Query["Qualifier"].FirstOrDefault(), catalog.Local);

    /// <summary>The policy's key: "" for the function, else the version or alias, which must exist.</summary>
    private string CheckQualifier(FunctionState function, FunctionAddress address)
    {
        if (address.Qualifier is null or "$LATEST") return "";
        if (function.Version(address.Qualifier) is not null) return address.Qualifier;
        if (function.Aliases.ContainsKey(address.Qualifier)) return address.Qualifier;
        if (address.Qualifier.All(char.IsAsciiDigit)) throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(catalog.Local)));
        throw new LambdaApiException(LambdaApiErrors.NotFound($"Cannot find alias arn: {address.Arn(catalog.Local)}"));
    }

    private static string SidOf(string statement)
    {
        using var document = System.Text.Json.JsonDocument.Parse(statement);
        return document.RootElement.GetProperty("Sid").GetString()!;
    }

    private static LambdaApiException Invalid(string message) => new(LambdaApiErrors.Validation(message));
}

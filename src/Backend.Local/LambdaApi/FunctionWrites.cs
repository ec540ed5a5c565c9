using Backend.Local.ControlPlane;
using Backend.Local.ControlPlane.Code;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration and DeleteFunction.</summary>
internal sealed class FunctionWrites(FunctionCatalog catalog, CodeStore code)
{
    /// <summary>Members of AWS's input shapes that this endpoint refuses by name rather than ignores.</summary>
    private static readonly Dictionary<string, string> NotServed = new(StringComparer.Ordinal)
    {
        ["Layers"] = "Layers",
        ["VpcConfig"] = "VpcConfig",
        ["FileSystemConfigs"] = "FileSystemConfigs (EFS)",
        ["ImageConfig"] = "Container images (ImageConfig)",
        ["ImageUri"] = "Container images (ImageUri)",
        ["DeadLetterConfig"] = "DeadLetterConfig",
        ["KMSKeyArn"] = "KMSKeyArn",
        ["CodeSigningConfigArn"] = "Code signing (CodeSigningConfigArn)",
        ["SnapStart"] = "SnapStart",
        ["EphemeralStorage"] = "EphemeralStorage",
        ["CapacityProviderConfig"] = "CapacityProviderConfig",
        ["PublishTo"] = "PublishTo",
        ["DurableConfig"] = "DurableConfig",
        ["TenancyConfig"] = "TenancyConfig",
        ["S3Bucket"] = "Code from S3 (S3Bucket)",
        ["S3Key"] = "Code from S3 (S3Key)",
        ["S3ObjectVersion"] = "Code from S3 (S3ObjectVersion)",
        ["SourceKMSKeyArn"] = "SourceKMSKeyArn",
    };

    private static readonly string[] CreateMembers =
        ["FunctionName", "Runtime", "Role", "Handler", "Code", "Description", "Timeout", "MemorySize", "Publish", "PackageType",
         "Environment", "TracingConfig", "Tags", "Architectures", "LoggingConfig"];

    private static readonly string[] CodeMembers = ["FunctionName", "ZipFile", "Publish", "DryRun", "RevisionId", "Architectures"];

    private static readonly string[] ConfigurationMembers =
        ["FunctionName", "Role", "Handler", "Description", "Timeout", "MemorySize", "Environment", "Runtime", "TracingConfig", "RevisionId", "LoggingConfig"];

    public async Task<HttpReply> CreateAsync(HttpContext http, PathValues path)
    {
        var request = await JsonRequest.ReadAsync(http, CodeLimits.RequestBytes, "CreateFunction", CreateMembers, NotServed);
        var name = request.RequiredString("FunctionName");
        var address = FunctionAddress.Parse(name, null, catalog.Local);
        if (request.String("PackageType") is { } packageType && packageType != "Zip") throw new LambdaApiException(LambdaApiErrors.NotServed($"PackageType {packageType}"));
        var role = request.RequiredString("Role");
        var codeRequest = request.RequiredObject("Code");
        var runtime = request.String("Runtime");
        var handler = request.String("Handler");
        if (runtime is null || handler is null)
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages."));
        var now = Revisions.Now();
        var draft = new VersionState
        {
            Version = "$LATEST",
            Runtime = runtime,
            Handler = handler,
            Role = role,
            Description = request.String("Description") ?? "",
            MemorySize = request.Int("MemorySize") ?? 128,
            Timeout = request.Int("Timeout") ?? 3,
            Environment = request.Object("Environment")?.StringMap("Variables") ?? [],
            Architecture = Architecture(request) ?? "x86_64",
            TracingActive = request.Object("TracingConfig")?.String("Mode") == "Active",
            LogFormat = request.Object("LoggingConfig")?.String("LogFormat"),
            ApplicationLogLevel = request.Object("LoggingConfig")?.String("ApplicationLogLevel"),
            CodeSha256 = "",
            CodeDirectory = "",
            LastModified = now,
            RevisionId = Revisions.New(),
        };
        // Everything is checked before the code is stored: a refused call writes nothing.
        FunctionValidation.Check(draft);
        if (catalog.Find(address.Name) is not null) throw new LambdaApiException(LambdaApiErrors.Conflict($"Function already exist: {address.Name}"));
        var package = Store(ZipOf(codeRequest), "CreateFunction");
        var latest = draft with { CodeSha256 = package.CodeSha256, CodeSize = package.CodeSize, CodeHex = package.Sha256Hex, CodeDirectory = package.Directory };
        var function = new FunctionState { Name = address.Name, Latest = latest, Tags = request.StringMap("Tags") ?? [] };
        if (request.Bool("Publish") == true) function = VersionOperations.Publish(function, null).Next;
        await catalog.CreateAsync(function);
        var shown = request.Bool("Publish") == true ? function.Versions[^1] : function.Latest;
        var arn = shown.Version == "$LATEST" ? catalog.Local.FunctionArn(function.Name) : $"{catalog.Local.FunctionArn(function.Name)}:{shown.Version}";
        return HttpReply.Json(201, FunctionConfigurationJson.Configuration(function, shown, arn, catalog.Local));
    }

    public async Task<HttpReply> UpdateCodeAsync(HttpContext http, PathValues path)
    {
        var address = Unqualified(path);
        var request = await JsonRequest.ReadAsync(http, CodeLimits.RequestBytes, "UpdateFunctionCode", CodeMembers, NotServed);
        var zip = request.Blob("ZipFile")
            ?? throw new LambdaApiException(LambdaApiErrors.InvalidParameter("Please provide a source for function code: ZipFile (--zip-file fileb://function.zip)."));
        var architecture = Architecture(request);
        var revision = request.String("RevisionId");
        catalog.Get(address);
        if (request.Bool("DryRun") == true)
        {
            // A dry run checks the package and changes nothing.
            var (function, _, _) = catalog.Resolve(address);
            var package = Store(zip, "UpdateFunctionCode");
            var preview = function.Latest with { CodeSha256 = package.CodeSha256, CodeSize = package.CodeSize };
            return HttpReply.Json(200, FunctionConfigurationJson.Configuration(function, preview, catalog.Local.FunctionArn(function.Name), catalog.Local));
        }
        var stored = Store(zip, "UpdateFunctionCode");
        var publish = request.Bool("Publish") == true;
        var (state, shown) = await catalog.ChangeAsync(address, current =>
        {
            Revisions.Check(revision, current.Latest.RevisionId);
            var latest = current.Latest with
            {
                CodeSha256 = stored.CodeSha256,
                CodeSize = stored.CodeSize,
                CodeHex = stored.Sha256Hex,
                CodeDirectory = stored.Directory,
                Architecture = architecture ?? current.Latest.Architecture,
                LastModified = Revisions.Now(),
                RevisionId = Revisions.New(),
            };
            FunctionValidation.Check(latest);
            var next = current with { Latest = latest };
            if (publish) next = VersionOperations.Publish(next, null).Next;
            return (next, (next, publish ? next.Versions[^1] : next.Latest));
        });
        var arn = shown.Version == "$LATEST" ? catalog.Local.FunctionArn(state.Name) : $"{catalog.Local.FunctionArn(state.Name)}:{shown.Version}";
        return HttpReply.Json(200, FunctionConfigurationJson.Configuration(state, shown, arn, catalog.Local));
    }

    public async Task<HttpReply> UpdateConfigurationAsync(HttpContext http, PathValues path)
    {
        var address = Unqualified(path);
        var request = await JsonRequest.ReadAsync(http, ControlPlaneLimits.RequestBytes, "UpdateFunctionConfiguration", ConfigurationMembers, NotServed);
        var revision = request.String("RevisionId");
        var state = await catalog.ChangeAsync(address, current =>
        {
            Revisions.Check(revision, current.Latest.RevisionId);
            var was = current.Latest;
            var latest = was with
            {
                Role = request.String("Role") ?? was.Role,
                Handler = request.String("Handler") ?? was.Handler,
                Description = request.String("Description") ?? was.Description,
                Timeout = request.Int("Timeout") ?? was.Timeout,
                MemorySize = request.Int("MemorySize") ?? was.MemorySize,
                Runtime = request.String("Runtime") ?? was.Runtime,
                Environment = request.Has("Environment") ? request.Object("Environment")!.StringMap("Variables") ?? [] : was.Environment,
                TracingActive = request.Object("TracingConfig")?.String("Mode") is { } mode ? mode == "Active" : was.TracingActive,
                LogFormat = request.Object("LoggingConfig")?.String("LogFormat") ?? was.LogFormat,
                ApplicationLogLevel = request.Object("LoggingConfig")?.String("ApplicationLogLevel") ?? was.ApplicationLogLevel,
                LastModified = Revisions.Now(),
                RevisionId = Revisions.New(),
            };
            FunctionValidation.Check(latest);
            var next = current with { Latest = latest };
            return (next, next);
        });
        return HttpReply.Json(200, FunctionConfigurationJson.Configuration(state, state.Latest, catalog.Local.FunctionArn(state.Name), catalog.Local));
    }

    public async Task<HttpReply> DeleteAsync(HttpContext http, PathValues path)
    {
        var address = FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), http.Request.Query["Qualifier"].FirstOrDefault(), catalog.Local);
        if (address.Qualifier is null)
        {
            await catalog.DeleteAsync(address);
            return new HttpReply(204, [], []);
        }
        if (address.Qualifier == "$LATEST")
        {
            catalog.Get(address with { Qualifier = null });
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter("$LATEST version cannot be deleted without deleting the function."));
        }
        // Lambda names the unqualified function when the function itself is missing.
        catalog.Get(address with { Qualifier = null });
        await catalog.ChangeAsync(address, current =>
        {
            if (current.Version(address.Qualifier) is null)
            {
                if (current.Aliases.ContainsKey(address.Qualifier))
                    throw new LambdaApiException(LambdaApiErrors.InvalidParameter($"{address.Qualifier} is an alias: DeleteFunction deletes versions; delete an alias with DeleteAlias."));
                throw new LambdaApiException(LambdaApiErrors.FunctionNotFound(address.Arn(catalog.Local)));
            }
            var referencing = current.Aliases.Values
                .Where(a => a.FunctionVersion == address.Qualifier || a.AdditionalVersionWeights.ContainsKey(address.Qualifier)).Select(a => a.Name).ToList();
            if (referencing.Count > 0)
                throw new LambdaApiException(LambdaApiErrors.Conflict($"Unable to delete version because the following aliases reference it: [{string.Join(", ", referencing)}]"));
            var policies = new Dictionary<string, PolicyState>(current.Policies);
            policies.Remove(address.Qualifier);
            // Publishing again after the last version is gone makes a new version, never the older one before it.
            var lastGone = current.Versions[^1].Version == address.Qualifier;
            return (current with
            {
                Versions = current.Versions.Where(v => v.Version != address.Qualifier).ToList(),
                Policies = policies,
                LatestPublishedRevision = lastGone ? null : current.LatestPublishedRevision,
            }, 0);
        });
        return new HttpReply(204, [], []);
    }

    private FunctionAddress Unqualified(PathValues path)
    {
        var address = FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), null, catalog.Local);
        if (address.Qualifier is not null and not "$LATEST")
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter("Versions are immutable and aliases are updated with UpdateAlias: name the function unqualified (or with $LATEST)."));
        return address with { Qualifier = null };
    }

    private CodePackage Store(byte[] zip, string operation)
    {
        try
        {
            return code.Store(zip, operation);
        }
        catch (CodeRejectedException e)
        {
            throw new LambdaApiException(e.Status == 413 ? LambdaApiErrors.EntityTooLarge(CodeLimits.RequestBytes, operation) : LambdaApiErrors.InvalidParameter(e.Message));
        }
        catch (PathTooLongException e)
        {
            // An entry name the file system cannot hold (a segment over 255 bytes): the package's problem, not the server's.
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter($"Could not unzip uploaded file: {e.Message}"));
        }
    }

    private static byte[] ZipOf(JsonRequest codeRequest)
    {
        foreach (var name in codeRequest.Names)
        {
            if (NotServed.GetValueOrDefault(name) is { } what) throw new LambdaApiException(LambdaApiErrors.NotServed(what));
            if (name != "ZipFile") throw new LambdaApiException(LambdaApiErrors.InvalidJson($"Unrecognized field \"Code.{name}\""));
        }
        return codeRequest.Blob("ZipFile")
            ?? throw new LambdaApiException(LambdaApiErrors.InvalidParameter("Please provide a source for function code: Code.ZipFile (--zip-file fileb://function.zip)."));
    }

    private static string? Architecture(JsonRequest request)
    {
        if (request.Strings("Architectures") is not { } list) return null;
        if (list.Count != 1)
            throw new LambdaApiException(LambdaApiErrors.Validation($"Value '[{string.Join(", ", list)}]' at 'architectures' failed to satisfy constraint: Member must have length {(list.Count == 0 ? "greater than or equal to 1" : "less than or equal to 1")}"));
        return list[0];
    }
}

using Backend.Lambda.Serialization;
using Backend.Local.ControlPlane;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>PublishVersion and ListVersionsByFunction: a published version is a frozen copy of $LATEST's code and configuration.</summary>
internal sealed partial class VersionOperations(FunctionCatalog catalog)
{
    /// <summary>A version's place in ListVersionsByFunction as a string that sorts ordinally: $LATEST, then 1, 2, … 10.</summary>
    private static string VersionKey(VersionState version) => version.Version == "$LATEST" ? "0" : "1" + version.Version.PadLeft(10, '0');

    [System.Text.RegularExpressions.GeneratedRegex(@"^(0|1[0-9]{10})$")]
    private static partial System.Text.RegularExpressions.Regex VersionMarker();

    /// <summary>
    /// Publishes $LATEST; if nothing changed since the last published version, that version is the answer (and no
    /// new one is made), as Lambda does.
    /// </summary>
    public static (FunctionState Next, VersionState Version) Publish(FunctionState current, string? description)
    {
        if (current.Versions.Count > 0 && current.Versions[^1] is var last && last.CodeSha256 == current.Latest.CodeSha256
            && current.LatestPublishedRevision == current.Latest.RevisionId)
            return (current, last);
        var number = (current.LastVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var version = current.Latest with
        {
            Version = number,
            Description = description ?? current.Latest.Description,
            LastModified = Revisions.Now(),
            RevisionId = Revisions.New(),
        };
        return (current with
        {
            Versions = [.. current.Versions, version],
            LastVersion = current.LastVersion + 1,
            LatestPublishedRevision = current.Latest.RevisionId,
        }, version);
    }

    public async Task<HttpReply> PublishAsync(HttpContext http, PathValues path)
    {
        var address = FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), null, catalog.Local) with { Qualifier = null };
        var request = await JsonRequest.ReadAsync(http, ControlPlaneLimits.RequestBytes, "PublishVersion", ["CodeSha256", "Description", "RevisionId"]);
        var sha = request.String("CodeSha256");
        var revision = request.String("RevisionId");
        var description = request.String("Description");
        var (function, version) = await catalog.ChangeAsync(address, current =>
        {
            if (sha is not null && sha != current.Latest.CodeSha256)
            {
                throw new LambdaApiException(LambdaApiErrors.InvalidParameter(
                    $"CodeSHA256 ({sha}) is different from current CodeSHA256 in $LATEST ({current.Latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST."));
            }
            Revisions.Check(revision, current.Latest.RevisionId);
            var (next, published) = Publish(current, description);
            return (next, (next, published));
        });
        return HttpReply.Json(201, FunctionConfigurationJson.Configuration(function, version, $"{catalog.Local.FunctionArn(function.Name)}:{version.Version}", catalog.Local));
    }

    public HttpReply List(HttpContext http, PathValues path)
    {
        var address = FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), null, catalog.Local) with { Qualifier = null };
        var function = catalog.Get(address);
        var (page, next) = Paging.TakeAfter(http, [function.Latest, .. function.Versions], VersionKey, marker => VersionMarker().IsMatch(marker));
        return HttpReply.Json(200, JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            if (next is not null) w.WriteString("NextMarker", next);
            w.WriteStartArray("Versions");
            foreach (var version in page)
                FunctionConfigurationJson.Write(w, function, version, $"{catalog.Local.FunctionArn(function.Name)}:{version.Version}", catalog.Local, inList: true);
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }
}

using System.IO.Compression;
using System.Text.RegularExpressions;
using Backend.Lambda.Serialization;
using Backend.Local.ControlPlane;
using Backend.Local.ControlPlane.Code;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>GetFunction, GetFunctionConfiguration, ListFunctions, and the code download GetFunction's Code.Location points at.</summary>
internal sealed partial class FunctionReads(FunctionCatalog catalog, CodeStore code)
{
    /// <summary>Where a version's zip is served back (not an AWS path: Lambda serves it from S3).</summary>
    public const string CodePath = "/_local/functions/{name}/versions/{version}/code.zip";

    public HttpReply Function(HttpContext http, PathValues path)
    {
        var address = Address(http, path);
        var (function, version, _) = catalog.Resolve(address);
        var location = $"{http.Request.Scheme}://{http.Request.Host}{CodePath.Replace("{name}", function.Name, StringComparison.Ordinal).Replace("{version}", Uri.EscapeDataString(version.Version), StringComparison.Ordinal)}";
        return HttpReply.Json(200, FunctionConfigurationJson.Function(function, version, address.Arn(catalog.Local), catalog.Local, location));
    }

    public HttpReply Configuration(HttpContext http, PathValues path)
    {
        var address = Address(http, path);
        var (function, version, _) = catalog.Resolve(address);
        return HttpReply.Json(200, FunctionConfigurationJson.Configuration(function, version, address.Arn(catalog.Local), catalog.Local));
    }

    public HttpReply List(HttpContext http, PathValues path)
    {
        var all = http.Request.Query["FunctionVersion"].FirstOrDefault();
        if (all is not null and not "ALL")
            throw new LambdaApiException(LambdaApiErrors.Validation($"Value '{all}' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]"));
        var items = catalog.All.SelectMany(f => all is null
            ? [(f, f.Latest, catalog.Local.FunctionArn(f.Name))]
            : new[] { f.Latest }.Concat(f.Versions).Select(v => (f, v, $"{catalog.Local.FunctionArn(f.Name)}:{v.Version}")))
            .OrderBy(item => ListKey(item.f, item.v), StringComparer.Ordinal).ToList();
        var (page, next) = Paging.TakeAfter(http, items, item => ListKey(item.f, item.v), marker => ListMarker().IsMatch(marker));
        return HttpReply.Json(200, JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            if (next is not null) w.WriteString("NextMarker", next);
            w.WriteStartArray("Functions");
            foreach (var (function, version, arn) in page) FunctionConfigurationJson.Write(w, function, version, arn, catalog.Local, inList: true);
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    /// <summary>The zip of a version: the package as uploaded, or (for the template's functions) their build folder zipped now.</summary>
    public HttpReply CodeZip(HttpContext http, PathValues path)
    {
        var address = new FunctionAddress(Uri.UnescapeDataString(path["name"]), Uri.UnescapeDataString(path["version"]));
        var (_, version, _) = catalog.Resolve(address);
        byte[] zip;
        if (version.CodeHex is { } hex && code.Find(hex) is { } package)
        {
            zip = File.ReadAllBytes(package.ZipPath);
        }
        else
        {
            using var buffer = new MemoryStream();
            ZipFile.CreateFromDirectory(version.CodeDirectory, buffer, CompressionLevel.Fastest, includeBaseDirectory: false);
            zip = buffer.ToArray();
        }
        return new HttpReply(200, [new("Content-Type", "application/zip")], zip);
    }

    /// <summary>
    /// Where a version stands in ListFunctions, as a string that sorts ordinally: the template's functions first, then
    /// by name ('!' sorts below every character of a name, so "f" comes before "f-2"), $LATEST before versions 1, 2, ...
    /// </summary>
    private static string ListKey(FunctionState function, VersionState version) =>
        $"{(function.FromTemplate ? 0 : 1)}!{function.Name}!{(version.Version == "$LATEST" ? "0" : "1" + version.Version.PadLeft(10, '0'))}";

    [GeneratedRegex(@"^[01]![^!]+!(0|1[0-9]{10})$")]
    private static partial Regex ListMarker();

    private FunctionAddress Address(HttpContext http, PathValues path) =>
        FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), http.Request.Query["Qualifier"].FirstOrDefault(), catalog.Local);
}

using System.Text.Json.Serialization;
using Backend.Lambda.Core;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>The JSON of Lambda-Runtime-Client-Context, as the mobile SDKs write it.</summary>
internal sealed class ClientContextDocument : IClientContext
{
    [JsonPropertyName("client")] public ClientApplicationDocument? ClientDocument { get; set; }
    [JsonPropertyName("custom")] public Dictionary<string, string>? CustomDocument { get; set; }
    [JsonPropertyName("env")] public Dictionary<string, string>? EnvironmentDocument { get; set; }

    [JsonIgnore] public IDictionary<string, string> Environment => EnvironmentDocument ??= [];
    [JsonIgnore] public IClientApplication? Client => ClientDocument;
    [JsonIgnore] public IDictionary<string, string> Custom => CustomDocument ??= [];

    /// <summary>Null when the header is absent or not the JSON we expect: a bad header must not fail the invocation.</summary>
    public static ClientContextDocument? Parse(string? json) =>
        HeaderJson.TryParse(json, RuntimeJsonContext.Default.ClientContextDocument);
}

internal sealed class ClientApplicationDocument : IClientApplication
{
    [JsonPropertyName("app_package_name")] public string? AppPackageName { get; set; }
    [JsonPropertyName("app_title")] public string? AppTitle { get; set; }
    [JsonPropertyName("app_version_code")] public string? AppVersionCode { get; set; }
    [JsonPropertyName("app_version_name")] public string? AppVersionName { get; set; }
    [JsonPropertyName("installation_id")] public string? InstallationId { get; set; }
}

using System.Text.Json.Serialization;
using Backend.Lambda.Core;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>The JSON of Lambda-Runtime-Cognito-Identity.</summary>
internal sealed class CognitoIdentityDocument : ICognitoIdentity
{
    [JsonPropertyName("cognitoIdentityId")] public string? IdentityId { get; set; }
    [JsonPropertyName("cognitoIdentityPoolId")] public string? IdentityPoolId { get; set; }

    public static CognitoIdentityDocument? Parse(string? json) =>
        HeaderJson.TryParse(json, RuntimeJsonContext.Default.CognitoIdentityDocument);
}

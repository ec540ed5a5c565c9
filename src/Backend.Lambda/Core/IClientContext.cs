namespace Backend.Lambda.Core;

/// <summary>The mobile client context a caller may pass with an invocation (Lambda-Runtime-Client-Context).</summary>
public interface IClientContext
{
    IDictionary<string, string> Environment { get; }
    IClientApplication? Client { get; }
    IDictionary<string, string> Custom { get; }
}

public interface IClientApplication
{
    string? AppPackageName { get; }
    string? AppTitle { get; }
    string? AppVersionCode { get; }
    string? AppVersionName { get; }
    string? InstallationId { get; }
}

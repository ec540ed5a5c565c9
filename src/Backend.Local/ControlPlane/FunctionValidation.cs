using System.Text.RegularExpressions;
using Backend.Lambda.Serialization;
using Backend.Local.LambdaApi;
using Backend.Local.Runtime;

namespace Backend.Local.ControlPlane;

/// <summary>
/// Lambda's checks of a function's configuration, with its errors: constraint violations of the service model are
/// ValidationException ("1 validation error detected: …"), the service's own rules InvalidParameterValueException.
/// </summary>
public static partial class FunctionValidation
{
    public const int MinMemory = 128;
    public const int MaxMemory = 10240;
    public const int MaxTimeout = 900;
    public const int EnvironmentBytes = 4096;

    private const string RolePatternText = @"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";

    [GeneratedRegex(@"^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$")]
    private static partial Regex RolePattern();

    [GeneratedRegex(@"^[a-zA-Z]([a-zA-Z0-9_])+$")]
    private static partial Regex VariableNamePattern();

    [GeneratedRegex(@"^[^\s]+$")]
    private static partial Regex HandlerPattern();

    /// <summary>Runs every check on the version's configuration; the first failure is thrown.</summary>
    public static void Check(VersionState version)
    {
        if (!RolePattern().IsMatch(version.Role))
            Fail($"Value '{version.Role}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: {RolePatternText}");
        if (!InstanceCommand.Runtimes.Contains(version.Runtime))
        {
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter(
                $"Value {version.Runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", InstanceCommand.Runtimes)}] (the runtimes this local endpoint runs)"));
        }
        if (version.Handler.Length > 128) Fail($"Value '{version.Handler}' at 'handler' failed to satisfy constraint: Member must have length less than or equal to 128");
        if (!HandlerPattern().IsMatch(version.Handler)) Fail($"Value '{version.Handler}' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+");
        if (version.Description.Length > 256) Fail($"Value '{version.Description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256");
        if (version.MemorySize < MinMemory) Fail($"Value '{version.MemorySize}' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to {MinMemory}");
        if (version.MemorySize > MaxMemory) Fail($"Value '{version.MemorySize}' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to {MaxMemory}");
        if (version.Timeout < 1) Fail($"Value '{version.Timeout}' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
        if (version.Timeout > MaxTimeout) Fail($"Value '{version.Timeout}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to {MaxTimeout}");
        if (version.Architecture is not ("x86_64" or "arm64"))
            Fail($"Value '[{version.Architecture}]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
        foreach (var name in version.Environment.Keys.Where(n => !VariableNamePattern().IsMatch(n)))
            Fail($"Value '{name}' at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
        // Lambda measures the Variables object as compact JSON.
        var measured = JsonBytes.WriteString(w =>
        {
            w.WriteStartObject();
            foreach (var (name, value) in version.Environment) w.WriteString(name, value);
            w.WriteEndObject();
        });
        if (System.Text.Encoding.UTF8.GetByteCount(measured) > EnvironmentBytes)
        {
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter(
                $"Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {measured}"));
        }
    }

    private static void Fail(string message) => throw new LambdaApiException(LambdaApiErrors.Validation(message));
}

using Backend.Template;

namespace Backend.Local.Runtime;

/// <summary>The environment variables given to one function instance (process): Lambda's own, then the template's.</summary>
public static class InstanceEnvironment
{
    public static IReadOnlyDictionary<string, string> For(FunctionDefinition function, string version, string instanceId, FunctionHostOptions options, LocalValues local)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        // What the dotnet host itself needs to start; Lambda's sandbox has its own equivalents.
        foreach (var inherited in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR" })
        {
            if (Environment.GetEnvironmentVariable(inherited) is { } value) environment[inherited] = value;
        }
        environment["AWS_LAMBDA_FUNCTION_NAME"] = function.FunctionName;
        environment["AWS_LAMBDA_FUNCTION_VERSION"] = version;
        environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{function.FunctionName}";
        environment["AWS_LAMBDA_LOG_STREAM_NAME"] = $"{DateTime.UtcNow:yyyy/MM/dd}/[{version}]{instanceId}";
        environment["AWS_LAMBDA_RUNTIME_API"] = $"{options.RuntimeApiAuthority}/{function.FunctionName}/{instanceId}";
        environment["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        environment["AWS_REGION"] = local.Region;
        environment["AWS_DEFAULT_REGION"] = local.Region;
        // The OS-only runtimes have no execution environment name on Lambda.
        if (!InstanceCommand.IsProvided(function.Runtime)) environment["AWS_EXECUTION_ENV"] = $"AWS_Lambda_{function.Runtime}";
        environment["_HANDLER"] = function.Handler;
        environment["LAMBDA_TASK_ROOT"] = function.CodeUri;
        environment["TZ"] = ":UTC";
        // Dummy credentials: DynamoDB Local accepts any, and nothing here can reach AWS with them.
        environment["AWS_ACCESS_KEY_ID"] = "local";
        environment["AWS_SECRET_ACCESS_KEY"] = "local";
        environment["AWS_SESSION_TOKEN"] = "local";
        if (function.LogFormat is { } format) environment["AWS_LAMBDA_LOG_FORMAT"] = format;
        if (function.ApplicationLogLevel is { } level) environment["AWS_LAMBDA_LOG_LEVEL"] = level;
        if (options.DynamoDbEndpoint is { } endpoint) environment["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint;
        environment["DOTNET_GCHeapHardLimit"] = HeapLimit(function.MemorySize);
        foreach (var (name, value) in function.Environment) environment[name] = value;
        return environment;
    }

    /// <summary>
    /// On Lambda the sandbox is a cgroup of MemorySize, and .NET sizes its GC heap to 75% of that limit.
    /// There is no such cgroup here, so the limit is told to the runtime directly: same heap, same GC pacing.
    /// </summary>
    public static string HeapLimit(int memorySizeMb) =>
        "0x" + ((long)memorySizeMb * 1024 * 1024 * 3 / 4).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}

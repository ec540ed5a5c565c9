using System.Diagnostics;
using Backend.Template;

namespace Backend.Local.Runtime;

/// <summary>Where each function's built assembly is, and what else its processes need.</summary>
public sealed record FunctionHostOptions
{
    /// <summary>Function logical id → path of the built entry assembly (X.dll).</summary>
    public required IReadOnlyDictionary<string, string> Assemblies { get; init; }

    /// <summary>host:port of our Runtime API, which every instance gets with its own path prefix.</summary>
    public required string RuntimeApiAuthority { get; init; }

    /// <summary>AWS_ENDPOINT_URL_DYNAMODB for the functions, when DynamoDB Local runs.</summary>
    public string? DynamoDbEndpoint { get; init; }

    /// <summary>How many instances of one function may run at once unless ReservedConcurrentExecutions says otherwise.</summary>
    public int ConcurrencyLimit { get; init; } = 4;

    public LogSink Logs { get; init; } = LogSink.Null;
}

/// <summary>
/// Every function of the template with its pool of instances, found by logical id, function name
/// or ARN, as the Lambda API and the API routes name them.
/// </summary>
public sealed class FunctionHost : IAsyncDisposable
{
    private readonly Dictionary<string, FunctionPool> _byName = new(StringComparer.Ordinal);
    private readonly SamTemplate _template;
    private readonly FunctionHostOptions _options;

    public FunctionHost(SamTemplate template, FunctionHostOptions options)
    {
        _template = template;
        _options = options;
        foreach (var function in template.Functions)
        {
            var limit = function.ReservedConcurrentExecutions is > 0 and var reserved ? reserved : options.ConcurrencyLimit;
            var pool = new FunctionPool(function, limit, StartInstance, options.Logs);
            _byName[function.FunctionName] = pool;
            _byName.TryAdd(function.LogicalId, pool);
        }
    }

    public IEnumerable<FunctionPool> Pools => _template.Functions.Select(f => _byName[f.FunctionName]);

    public LocalValues Local => _template.Local;

    /// <summary>By function name, logical id, or this account's and region's ARN (with or without the $LATEST qualifier).</summary>
    public FunctionPool? Find(string nameOrArn)
    {
        var name = nameOrArn;
        if (name.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = name.Split(':');
            if (parts.Length < 7 || parts[2] != "lambda" || parts[5] != "function") return null;
            // Another region's or account's function of the same name is not ours to run.
            if (parts[3] != _template.Local.Region || parts[4] != _template.Local.AccountId) return null;
            if (parts.Length == 8 && parts[7] != "$LATEST") return null;
            name = parts[6];
        }
        else if (name.EndsWith(":$LATEST", StringComparison.Ordinal))
        {
            name = name[..^":$LATEST".Length];
        }
        return _byName.GetValueOrDefault(name);
    }

    public string FunctionArn(FunctionDefinition function) => _template.Local.FunctionArn(function.FunctionName);

    private FunctionInstance StartInstance(FunctionDefinition function, string instanceId)
    {
        var dll = _options.Assemblies.TryGetValue(function.LogicalId, out var path) ? path
            : throw new InvalidOperationException($"no built assembly for {function.LogicalId}");
        var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        start.Environment.Clear();
        foreach (var (name, value) in InstanceEnvironment.For(function, instanceId, _options, _template.Local, dll)) start.Environment[name] = value;
        return FunctionInstance.Start(function, FunctionArn(function), start, instanceId, _options.Logs);
    }

    /// <summary>The dotnet host running us (dotnet run sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_template.Functions.Select(f => _byName[f.FunctionName].DisposeAsync().AsTask()));
    }
}

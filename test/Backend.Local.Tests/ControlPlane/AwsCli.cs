using System.Diagnostics;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>Runs the AWS CLI v1 (<c>aws</c>) against one endpoint, unsigned, in us-east-1, printing JSON.</summary>
public sealed class AwsCli(Uri endpoint)
{
    public Uri Endpoint { get; } = endpoint;

    /// <param name="args">e.g. "lambda", "get-function", "--function-name", "f"; the endpoint options are added.</param>
    public Task<AwsResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("aws");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "--endpoint-url", Endpoint.ToString(), "--no-sign-request", "--region", "us-east-1", "--output", "json" })
            start.ArgumentList.Add(arg);
        AwsClientEnvironment.Apply(start);
        return ToolProcess.RunAsync(start);
    }
}

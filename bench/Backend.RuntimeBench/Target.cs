using System.Diagnostics;

namespace Backend.RuntimeBench;

/// <summary>How a target is built and run: each group compares its managed, native and Node.js targets.</summary>
public enum Kind { Floor, Managed, Native, Node }

/// <summary>
/// One process to measure: how to start it, what event to give it, which group it is compared in, and what it
/// ships as (its deployment package, and how long its publish took, where bench/run.sh timed one).
/// </summary>
public sealed record Target(
    string Name,
    string Group,
    Kind Kind,
    string Command,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string? EventJson,
    Package? Package = null,
    double? BuildSeconds = null)
{
    /// <summary>The floor answers by printing a line rather than through the Runtime API.</summary>
    public bool IsFloor => EventJson is null;

    public ProcessStartInfo StartInfo(string runtimeApi)
    {
        var start = new ProcessStartInfo(Command)
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = IsFloor,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments) start.ArgumentList.Add(argument);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = Name;
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "local";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        start.Environment["AWS_SESSION_TOKEN"] = "local";
        start.Environment["LAMBDA_TASK_ROOT"] = WorkingDirectory;
        foreach (var (name, value) in Environment) start.Environment[name] = value;
        return start;
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>A template expanded by SAM's own translator (sam-expand.py): the CloudFormation AWS would deploy.</summary>
internal static class SamExpansion
{
    public static JsonObject Expand(string templatePath, params string[] overrides)
    {
        var (exitCode, stdout, stderr) = Run(templatePath, overrides);
        Assert.True(exitCode == 0, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }

    /// <summary>A template given as text, expanded (its CodeUri paths resolve from the repository's root, as template.yaml's do).</summary>
    public static JsonObject ExpandText(string yaml) => WithTextFile(yaml, path => Expand(path));

    /// <summary>What SAM's translator says when it refuses a template given as text.</summary>
    public static string RefusalOf(string yaml) => WithTextFile(yaml, path =>
    {
        var (exitCode, _, stderr) = Run(path, []);
        Assert.NotEqual(0, exitCode);
        return stderr;
    });

    private static T WithTextFile<T>(string yaml, Func<string, T> use)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sam-expansion-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            return use(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string templatePath, string[] overrides)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sam-expand.py"));
        start.ArgumentList.Add(templatePath);
        foreach (var o in overrides) start.ArgumentList.Add(o);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>A template expanded by SAM's own translator (sam-expand.py): the CloudFormation AWS would deploy.</summary>
internal static class SamExpansion
{
    public static JsonObject Expand(string templatePath, params string[] overrides)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sam-expand.py"));
        start.ArgumentList.Add(templatePath);
        foreach (var o in overrides) start.ArgumentList.Add(o);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        return JsonNode.Parse(stdout.Result)!.AsObject();
    }
}

using System.Diagnostics;
using System.Net;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>The real command line in its own process: Ctrl+C (SIGINT) stops it and everything it started.</summary>
/// <remarks>In the repository server's collection, so it never starts while the heavy load tests run.</remarks>
[Collection("repository server")]
public sealed class SignalTests
{
    [Theory]
    [InlineData("start-lambda")]
    [InlineData("start-api")]
    public async Task Ctrl_C_stops_the_emulator_and_leaves_no_child_process(string command)
    {
        var port = ProcessTable.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Backend.Local.dll"), command,
                     "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--in-memory",
                     command == "start-api" ? "--port" : "--lambda-port", port.ToString() })
            start.ArgumentList.Add(arg);
        using var emulator = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        emulator.OutputDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
            if (e.Data?.StartsWith("Ctrl+C stops everything", StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        emulator.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        emulator.BeginOutputReadLine();
        emulator.BeginErrorReadLine();
        bool OutputContains(string text)
        {
            lock (output) return output.ToString().Contains(text, StringComparison.Ordinal);
        }
        try
        {
            try
            {
                await ready.Task.WaitAsync(TimeSpan.FromSeconds(180));
            }
            catch (TimeoutException)
            {
                lock (output) Assert.Fail($"the emulator did not start within 180 s:\n{output}");
            }
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var response = command == "start-api"
                ? await client.GetAsync("/prod/calc/2/3/*")
                : await client.PostAsync("/2015-03-31/functions/CalcFunction/invocations", new StringContent("""{"a":2,"b":3,"op":"*"}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("6", await response.Content.ReadAsStringAsync());
            // It serves before DynamoDB Local answers: wait for that, so its JVM is among the children.
            for (var waited = 0; !OutputContains("DynamoDB Local ready") && waited < 1800; waited++) await Task.Delay(100);
            var children = ProcessTable.Descendants(emulator.Id);
            Assert.Contains(children, pid => ProcessTable.CommandLine(pid).Contains("Backend.Calc.dll", StringComparison.Ordinal));
            Assert.Contains(children, pid => ProcessTable.CommandLine(pid).Contains("DynamoDBLocal.jar", StringComparison.Ordinal));

            using (var interrupt = Process.Start("kill", ["-INT", emulator.Id.ToString()])) await interrupt.WaitForExitAsync();
            await emulator.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, emulator.ExitCode);
            Assert.All(children, pid => Assert.False(ProcessTable.Alive(pid), $"{ProcessTable.CommandLine(pid)} ({pid}) is still running"));
            lock (output) Assert.Contains("Stopped.", output.ToString());
        }
        finally
        {
            // On failure, leave nothing behind either: every descendant, then the emulator.
            foreach (var pid in ProcessTable.Descendants(emulator.Id)) ProcessTable.Kill(pid);
            if (!emulator.HasExited) emulator.Kill(entireProcessTree: true);
        }
    }
}

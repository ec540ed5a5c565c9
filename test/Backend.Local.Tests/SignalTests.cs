using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        var port = FreePort();
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
            var children = Descendants(emulator.Id);
            Assert.Contains(children, pid => CommandLine(pid).Contains("Backend.Calc.dll", StringComparison.Ordinal));
            Assert.Contains(children, pid => CommandLine(pid).Contains("DynamoDBLocal.jar", StringComparison.Ordinal));

            using (var interrupt = Process.Start("kill", ["-INT", emulator.Id.ToString()])) await interrupt.WaitForExitAsync();
            await emulator.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, emulator.ExitCode);
            Assert.All(children, pid => Assert.False(Alive(pid), $"{CommandLine(pid)} ({pid}) is still running"));
            lock (output) Assert.Contains("Stopped.", output.ToString());
        }
        finally
        {
            // On failure, leave nothing behind either: every descendant, then the emulator.
            foreach (var pid in Descendants(emulator.Id)) Kill(pid);
            if (!emulator.HasExited) emulator.Kill(entireProcessTree: true);
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every process below this one, from /proc's parent links.</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, ppid) in parents)
            {
                if (ppid != parent) continue;
                found.Add(pid);
                frontier.Enqueue(pid);
            }
        }
        return found;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Running, not merely a zombie waiting for its parent; a process that vanished is not alive.</summary>
    private static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

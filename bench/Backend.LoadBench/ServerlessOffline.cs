using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Backend.Lambda.TestUtilities;

namespace Backend.LoadBench;

/// <summary>
/// serverless-offline (bench/peers/serverless-offline, installed by run.sh) serving the tutorials' Node.js
/// handlers: started on free ports, timed to its first 200, and stopped with its whole process tree.
/// </summary>
public sealed class ServerlessOffline : IAsyncDisposable
{
    // --useInProcess runs the handlers on serverless-offline's own event loop, its fastest mode (the default
    // hands each invocation to a worker thread). --noTimeout: no invocation is cut at the function's timeout
    // when the shared machine stalls. Handlers are loaded once and kept (no --reloadHandler), as ours are.
    public const string Mode = "in-process (--useInProcess --noTimeout), handlers loaded once";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServerlessOffline(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public static string ProjectDirectory { get; } = RepositoryFiles.PathOf("bench/peers/serverless-offline");

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts it and waits for the first 200 of <paramref name="firstPathAndQuery"/>, which it times.</summary>
    public static async Task<(ServerlessOffline Peer, FirstRequestTimes First)> StartAsync(string firstPathAndQuery)
    {
        var cli = Path.Combine(ProjectDirectory, "node_modules", "serverless", "bin", "serverless.js");
        if (!File.Exists(cli)) throw new InvalidOperationException($"{cli} is missing: bench/run.sh installs it (npm install in {ProjectDirectory})");
        var httpPort = FreePort();
        // node runs the CLI itself: npx would add npm and a shell to the tree, and their start-up to the timing.
        var start = new ProcessStartInfo("node") { WorkingDirectory = ProjectDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli, "offline", "start", "--host", "127.0.0.1", "--httpPort", Text(httpPort), "--lambdaPort", Text(FreePort()), "--useInProcess", "--noTimeout" })
            start.ArgumentList.Add(arg);
        // No AWS account exists and nothing but the npm registry is reachable: dummy credentials, and no
        // telemetry, notification or deprecation look-ups that would wait on the network.
        foreach (var (name, value) in new[]
        {
            ("AWS_ACCESS_KEY_ID", "local"), ("AWS_SECRET_ACCESS_KEY", "local"), ("AWS_REGION", "us-east-1"),
            ("SLS_TELEMETRY_DISABLED", "1"), ("SLS_NOTIFICATIONS_MODE", "off"), ("SLS_DEPRECATION_DISABLE", "*"), ("SLS_INTERACTIVE_SETUP_DISABLE", "1"),
        })
            start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var peer = new ServerlessOffline(process, new Uri($"http://127.0.0.1:{Text(httpPort)}"));
        // Its log (a line per request, and the tutorial Calc's dump of every event) is drained, as a terminal would,
        // keeping only the tail for an error message.
        process.OutputDataReceived += (_, e) => peer.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var first = await FirstRequest.MeasureAsync(new Uri(peer.BaseUrl, firstPathAndQuery), clock, () => process.HasExited, StartTimeout);
            return (peer, first);
        }
        catch (Exception e)
        {
            await peer.DisposeAsync();
            throw new InvalidOperationException($"serverless-offline did not answer: {e.Message}\n{peer.Tail()}", e);
        }
    }

    /// <summary>serverless and serverless-offline as installed, and node.</summary>
    public static string Versions()
    {
        static string Of(string package) => JsonDocument.Parse(File.ReadAllText(Path.Combine(ProjectDirectory, "node_modules", package, "package.json")))
            .RootElement.GetProperty("version").GetString() ?? "?";
        using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        var nodeVersion = node.StandardOutput.ReadToEnd().Trim();
        node.WaitForExit();
        return $"serverless {Of("serverless")}, serverless-offline {Of("serverless-offline")}, node {nodeVersion}";
    }

    /// <summary>
    /// SIGTERM first (it closes its servers), then SIGKILL for the whole tree if it is still there after 5 s;
    /// the descendants are listed before, since once the parent is gone they are no longer found under it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var tree = _process.HasExited ? [] : ProcessTree.Snapshot(_process.Id);
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", Text(_process.Id)]);
            await term.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _process.WaitForExitAsync(grace.Token); } catch (OperationCanceledException) { }
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        foreach (var left in tree.Skip(1))
        {
            try
            {
                using var child = Process.GetProcessById(left.Pid);
                if (child.ProcessName == left.Name) child.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // gone already, as it should be
            }
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 40) _output.Dequeue();
        }
    }

    private string Tail()
    {
        lock (_output) return string.Join('\n', _output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

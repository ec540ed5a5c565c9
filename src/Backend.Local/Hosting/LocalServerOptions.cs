namespace Backend.Local.Hosting;

/// <summary>Everything `start`, `start-api` and `start-lambda` can be told.</summary>
public sealed record LocalServerOptions
{
    /// <summary>The template, read once by the caller (parameter overrides applied); nothing reads it again.</summary>
    public required TemplateFile Template { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>API Gateway port (3000); 0 picks a free one; null serves no APIs.</summary>
    public int? ApiPort { get; init; } = 3000;

    /// <summary>Lambda Invoke API port (3001); 0 picks a free one; null serves no Invoke API.</summary>
    public int? LambdaPort { get; init; } = 3001;

    /// <summary>The console in the browser (3002 with `start`); 0 picks a free one; null serves none.</summary>
    public int? ConsolePort { get; init; }

    /// <summary>HTTPS for the API Gateway and Lambda API ports (--ssl-cert-file and --ssl-key-file, or --ssl-self-signed); plain HTTP when null.</summary>
    public HttpsCertificate? Https { get; init; }

    /// <summary>Instances per function at most, unless ReservedConcurrentExecutions says otherwise.</summary>
    public int ConcurrencyLimit { get; init; } = 4;

    /// <summary>
    /// Whether StartAsync returns only once DynamoDB Local answers with the tables (tests that use it at once). The CLI
    /// does not wait: it serves while the JVM starts (<see cref="LocalServer.DynamoDbReady"/>).
    /// </summary>
    public bool WaitForDynamoDb { get; init; } = true;

    /// <summary>
    /// Whether API Gateway enforces the stages' throttling (429 beyond the template's rate and burst); off
    /// (--no-throttling) for load tests and benchmarks, which would otherwise measure the throttle.
    /// </summary>
    public bool Throttling { get; init; } = true;

    /// <summary>Keep DynamoDB Local's data in memory only (lost on exit).</summary>
    public bool InMemory { get; init; }

    /// <summary>Where DynamoDB Local keeps its data; default .local/dynamodb-data beside the template.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Where functions created through the Lambda API are kept; default .local/lambda beside the template (a temporary folder with InMemory).</summary>
    public string? LambdaDirectory { get; init; }

    /// <summary>Prebuilt assemblies (logical id → dll), which skips the build; tests use this.</summary>
    public IReadOnlyDictionary<string, string>? Assemblies { get; init; }

    /// <summary>--env-vars: new values for the variables the template declares (SAM CLI's file); null when none.</summary>
    public EnvironmentOverrides? EnvironmentOverrides { get; init; }

    /// <summary>Only these functions (by logical id); all when null.</summary>
    public IReadOnlyCollection<string>? OnlyFunctions { get; init; }

    /// <summary>--warm-containers EAGER: one initialised instance of every function from the start (and after each reload or code update).</summary>
    public bool WarmContainers { get; init; }

    /// <summary>Hot reload: rebuild a function when its sources are saved, serve template.yaml anew when it is (the CLI's default).</summary>
    public bool Watch { get; init; }

    /// <summary>A hot-reload build running longer than this is stopped, and the previous build goes on serving.</summary>
    public TimeSpan BuildTimeout { get; init; } = Building.FunctionBuilder.DefaultTimeout;

    /// <summary>Where the APIs' access logs are written (&lt;Api&gt;-access.log); default .local/logs beside the template.</summary>
    public string? AccessLogDirectory { get; init; }

    /// <summary>--access-log-console: each access log line is printed on the console too.</summary>
    public bool AccessLogConsole { get; init; }

    public TextWriter Console { get; init; } = System.Console.Out;
    public Runtime.LogSink? Logs { get; init; }
}

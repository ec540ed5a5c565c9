using System.CommandLine;
using Backend.DynamoDbLocal;
using Backend.Local.Building;
using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>The command line, shaped like SAM's: start (default), start-api, start-lambda, invoke, generate-event.</summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, TextReader? input = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var common = new CommonOptions();
        var https = new HttpsOptions();
        var host = new Option<string>("--host") { Description = "Address to bind the API and Invoke endpoints to", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "API Gateway port", DefaultValueFactory = _ => 3000 };
        var consolePort = new Option<int>("--console-port") { Description = "The console in the browser (start only)", DefaultValueFactory = _ => 3002 };
        var lambdaPort = new Option<int>("--lambda-port") { Description = "Lambda Invoke API port", DefaultValueFactory = _ => 3001 };
        var watch = new Option<bool>("--watch") { Description = "Rebuild a function when its sources are saved, and serve template.yaml anew when it is (on by default)", DefaultValueFactory = _ => true };
        var noWatch = new Option<bool>("--no-watch") { Description = "Serve what was built at start: saving changes nothing until a restart" };
        var warmContainers = new Option<string>("--warm-containers") { Description = "EAGER: start and initialise one instance of every function at start and after each reload or code update; LAZY (default): on first use", DefaultValueFactory = _ => "LAZY" };
        var noThrottling = new Option<bool>("--no-throttling") { Description = "Do not enforce the APIs' throttling settings (no 429 for too many requests): for load tests" };
        var accessLogConsole = new Option<bool>("--access-log-console") { Description = "Print each API access log line (the template's AccessLogSetting Format) on the console too, not only in .local/logs/<Api>-access.log" };
        var concurrency = new Option<int>("--max-concurrency") { Description = "Instances per function at most (ReservedConcurrentExecutions wins where set)", DefaultValueFactory = _ => 4 };

        Command Server(string name, string description, bool api, bool lambda)
        {
            var command = new Command(name, description);
            common.AddTo(command);
            command.Options.Add(host);
            if (api) command.Options.Add(port);
            if (api) command.Options.Add(noThrottling);
            if (lambda) command.Options.Add(lambdaPort);
            if (api && lambda) command.Options.Add(consolePort);
            if (api) command.Options.Add(accessLogConsole);
            command.Options.Add(concurrency);
            command.Options.Add(watch);
            command.Options.Add(warmContainers);
            command.Options.Add(noWatch);
            https.AddTo(command);
            command.SetAction(Reported(error, (parse, cancellationToken) => ServeAsync(https.Apply(parse, common.Read(parse), output) with
            {
                Host = parse.GetValue(host)!,
                ApiPort = api ? parse.GetValue(port) : null,
                LambdaPort = lambda ? parse.GetValue(lambdaPort) : null,
                ConsolePort = api && lambda ? parse.GetValue(consolePort) : null,
                ConcurrencyLimit = Math.Max(1, parse.GetValue(concurrency)),
                Throttling = !(api && parse.GetValue(noThrottling)),
                AccessLogConsole = api && parse.GetValue(accessLogConsole),
                WarmContainers = parse.GetValue(warmContainers)!.ToUpperInvariant() switch
                {
                    "EAGER" => true,
                    "LAZY" => false,
                    _ => throw new UsageException($"--warm-containers takes EAGER or LAZY, not '{parse.GetValue(warmContainers)}'"),
                },
                Watch = parse.GetResult(watch) is { Implicit: false } && parse.GetValue(noWatch)
                    ? throw new UsageException("--watch and --no-watch contradict each other: give one")
                    : parse.GetValue(watch) && !parse.GetValue(noWatch),
                Console = output,
            }, output, cancellationToken)));
            return command;
        }

        var start = Server("start", "Serve the APIs on --port and the Lambda Invoke API on --lambda-port (the default command)", api: true, lambda: true);
        var startApi = Server("start-api", "Serve only the APIs of template.yaml (API Gateway, REST and HTTP)", api: true, lambda: false);
        var startLambda = Server("start-lambda", "Serve only the Lambda Invoke API (aws lambda invoke --endpoint-url)", api: false, lambda: true);

        var function = new Argument<string>("FunctionLogicalId") { Description = "The function to invoke, as template.yaml names it" };
        var eventFile = new Option<string>("--event", "-e") { Description = "Event file, or - for standard input", Required = true };
        var invoke = new Command("invoke", "Invoke one function once (cold): result on stdout, log and REPORT on stderr, exit 1 on a function error");
        invoke.Arguments.Add(function);
        invoke.Options.Add(eventFile);
        common.AddTo(invoke);
        invoke.SetAction(Reported(error, (parse, cancellationToken) => InvokeCommand.RunAsync(common.Read(parse), parse.GetValue(function)!, parse.GetValue(eventFile)!,
            output, error, input ?? Console.In, cancellationToken)));

        var generateEvent = GenerateEvent(common, output, error);

        var root = new RootCommand("Backend.Local: the whole backend on one machine, without Docker - API Gateway, Lambda and DynamoDB Local from template.yaml");
        foreach (var option in start.Options) root.Options.Add(option);
        root.Subcommands.Add(start);
        root.Subcommands.Add(startApi);
        root.Subcommands.Add(startLambda);
        root.Subcommands.Add(invoke);
        root.Subcommands.Add(generateEvent);
        root.Action = start.Action;

        var parse = root.Parse(args);
        // Shutting down drains the function processes and stops DynamoDB Local: give it time, so nothing is left behind.
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
    }

    /// <summary>`generate-event apigateway aws-proxy|http-api-proxy` with SAM CLI's options and defaults.</summary>
    private static Command GenerateEvent(CommonOptions common, TextWriter output, TextWriter error)
    {
        var service = new Argument<string>("Service") { Description = "apigateway" };
        var kind = new Argument<string>("Event") { Description = $"{EventRequest.RestKind} (REST API, payload 1.0) or {EventRequest.HttpKind} (HTTP API, payload 2.0)" };
        var method = new Option<string>("--method") { Description = "HTTP method of the request", DefaultValueFactory = _ => EventRequest.DefaultMethod };
        var path = new Option<string>("--path") { Description = "Path of the request (a route of the template), optionally with ?query", DefaultValueFactory = _ => EventRequest.DefaultPath };
        var body = new Option<string>("--body") { Description = "Body of the request (\"\" for none)", DefaultValueFactory = _ => EventRequest.DefaultBody };
        var stage = new Option<string?>("--stage") { Description = "Stage of the API (checked against the template; by default the matched API's)" };
        var resource = new Option<string?>("--resource") { Description = "aws-proxy: the resource path (checked against the route the path matches)" };
        var accountId = new Option<string>("--account-id") { Description = "requestContext.accountId", DefaultValueFactory = _ => EventRequest.DefaultAccountId };
        var dnsSuffix = new Option<string>("--dns-suffix") { Description = "Host is {apiId}.execute-api.{dns-suffix}", DefaultValueFactory = _ => EventRequest.DefaultDnsSuffix };
        var command = new Command("generate-event", "Print the event API Gateway sends a function for a request (as sam local generate-event), to pipe to invoke --event -");
        command.Arguments.Add(service);
        command.Arguments.Add(kind);
        foreach (var option in new Option[] { method, path, body, stage, resource, accountId, dnsSuffix }) command.Options.Add(option);
        common.AddTemplateTo(command);
        command.SetAction(Reported(error, (parse, _) => GenerateEventCommand.RunAsync(common.ReadTemplate(parse), new EventRequest(
            parse.GetValue(service)!, parse.GetValue(kind)!, parse.GetValue(method)!, parse.GetValue(path)!, parse.GetValue(body)!,
            parse.GetValue(stage), parse.GetValue(resource), parse.GetValue(accountId)!, parse.GetValue(dnsSuffix)!), output)));
        return command;
    }

    /// <summary>
    /// The one place where failures become exit codes: what the user can fix (<see cref="UserErrorMessage"/>) is
    /// one line on stderr and exit 2; anything else is a bug and keeps its stack trace (exit 1).
    /// </summary>
    private static Func<ParseResult, CancellationToken, Task<int>> Reported(TextWriter error, Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (Exception e) when (UserErrorMessage(e) is { } message)
            {
                await error.WriteLineAsync($"error: {message}");
                return 2;
            }
        };

    /// <summary>Failures the user can fix: what they typed, their template, their code, their machine (Java, npm, a data folder in use).</summary>
    private static string? UserErrorMessage(Exception e) =>
        e is TemplateException template ? template.Located
        : e is UsageException or FunctionBuildException or DynamoDbLocalException ? e.Message : null;

    private static async Task<int> ServeAsync(LocalServerOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        // Serving starts before DynamoDB Local answers (a request to Calc does not wait for its JVM); if it cannot
        // start at all, that ends the run as a failed start would, with its one-line error.
        await using (var server = await LocalServer.StartAsync(options with { WaitForDynamoDb = false }, cancellationToken))
        {
            Banner.Write(output, server, Path.Combine(options.Template.Directory, "events"));
            try
            {
                await server.DynamoDbReady.WaitAsync(cancellationToken);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Stopping ...");
            }
        }
        await output.WriteLineAsync("Stopped.");
        return 0;
    }
}

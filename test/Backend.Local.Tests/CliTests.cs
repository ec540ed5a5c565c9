using System.Net.Sockets;
using Backend.Lambda.TestUtilities;
using Backend.Local.Hosting;

namespace Backend.Local.Tests;

/// <summary>The command line: invoke, --help, errors, and start/stop leaving no process behind.</summary>
public sealed class CliTests
{
    private static readonly string Template = RepositoryFiles.PathOf("template.yaml");

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Cli.RunAsync(args, output, error, new StringReader(input));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Invoke_prints_the_result_on_stdout_and_the_log_with_a_REPORT_on_stderr()
    {
        var (exit, output, error) = await RunAsync("", "invoke", "CalcFunction", "-e", RepositoryFiles.PathOf("events/calc-direct.json"),
            "--template", Template, "--artifacts", AppContext.BaseDirectory, "--in-memory");

        Assert.True(exit == 0, error);
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", output.Trim());
        Assert.Contains("REPORT RequestId:", error);
        Assert.Contains("Init Duration:", error);
    }

    [Fact]
    public async Task Invoke_reads_the_event_from_stdin_and_exits_1_on_a_function_error()
    {
        var (exit, output, error) = await RunAsync("""{"a":1,"b":2,"op":"pow"}""", "invoke", "CalcFunction", "-e", "-",
            "--template", Template, "--artifacts", AppContext.BaseDirectory, "--in-memory");

        Assert.Equal(1, exit);
        Assert.Contains("\"errorMessage\":\"400 Invalid Operator\"", output);
        Assert.Contains("Invalid Operator: op must be one of", error);
    }

    [Fact]
    public async Task Invoke_of_DynamoDBManager_reaches_DynamoDB_Local()
    {
        var (exit, output, error) = await RunAsync("", "invoke", "DynamoDbManagerFunction", "-e", RepositoryFiles.PathOf("events/dynamodb-direct-create-item.json"),
            "--template", Template, "--artifacts", AppContext.BaseDirectory, "--in-memory");

        Assert.True(exit == 0, error);
        Assert.Equal("{}", output.Trim());
    }

    [Theory]
    [InlineData("NoSuchFunction", "events/calc-direct.json", "NoSuchFunction is not a function of")]
    [InlineData("CalcFunction", "events/missing.json", "is not readable JSON")]
    public async Task Invoke_explains_what_is_wrong_without_a_stack_trace(string function, string eventFile, string message)
    {
        var (exit, _, error) = await RunAsync("", "invoke", function, "-e", RepositoryFiles.PathOf(eventFile), "--template", Template, "--artifacts", AppContext.BaseDirectory);

        Assert.Equal(2, exit);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_missing_template_is_a_clear_error()
    {
        var (exit, _, error) = await RunAsync("", "start", "--template", "/nonexistent/template.yaml", "--port", "0", "--lambda-port", "0");

        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/template.yaml does not exist", error);
    }

    [Theory]
    [InlineData("--help", "start-api")]
    [InlineData("start --help", "--lambda-port")]
    [InlineData("start-api --help", "--port")]
    [InlineData("start-api --help", "--access-log-console")]
    [InlineData("start-lambda --help", "--lambda-port")]
    [InlineData("invoke --help", "--event")]
    [InlineData("generate-event --help", "--path")]
    public async Task Every_command_has_help(string args, string mentions)
    {
        var (exit, output, _) = await RunAsync("", args.Split(' '));

        Assert.Equal(0, exit);
        Assert.Contains(mentions, output);
    }

    [Fact]
    public async Task Stopping_leaves_no_function_process_and_no_DynamoDB_Local_behind()
    {
        var template = TemplateFile.Load(Template);
        var server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = 0,
            InMemory = true,
            Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            Console = TextWriter.Null,
        });
        using var client = new HttpClient { BaseAddress = server.ApiUrl };
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetAsync("/index")));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PostAsync("/prod/DynamoDBManager", new StringContent("""{"operation":"list","payload":{}}"""))).StatusCode);
        var processes = server.Functions.Pools.SelectMany(p => p.ProcessIds).ToList();
        var dynamo = server.DynamoDbEndpoint!;
        Assert.NotEmpty(processes);

        await server.DisposeAsync();

        foreach (var id in processes)
            Assert.False(ProcessAlive(id), $"function process {id} is still running");
        using var socket = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => socket.ConnectAsync(dynamo.Host, dynamo.Port));
    }

    [Fact]
    public async Task Without_prebuilt_assemblies_it_builds_the_functions_itself()
    {
        // An earlier start's stamp would make it skip the publish (see BuildStampTests): this test is about building.
        var stamp = Backend.Local.Building.BuildStamp.PathOf(Path.Combine(Path.GetDirectoryName(Template)!, ".local", "functions", "Backend.Calc"));
        if (File.Exists(stamp)) File.Delete(stamp);
        var console = new CapturedOutput();
        await using var server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = TemplateFile.Load(Template),
            ApiPort = 0,
            LambdaPort = null,
            InMemory = true,
            OnlyFunctions = ["CalcFunction"],
            Console = console,
        });
        using var client = new HttpClient { BaseAddress = server.ApiUrl };

        var answer = await client.GetStringAsync("/prod/calc/3/4/*");

        Assert.Equal("""{"input":{"a":3,"b":4,"op":"*"},"output":{"c":12}}""", answer);
        Assert.Contains("Built CalcFunction", console.ToString());
        Assert.EndsWith(Path.Combine(".local", "functions", "Backend.Calc", "Backend.Calc.dll"), server.Assemblies["CalcFunction"]);
    }

    private static bool ProcessAlive(int id)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

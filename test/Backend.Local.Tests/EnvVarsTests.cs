using System.Net;
using System.Text.Json;
using Backend.Lambda.TestUtilities;
using Backend.Local.ControlPlane;
using Backend.Local.Hosting;
using Backend.Template;

namespace Backend.Local.Tests;

/// <summary>
/// --env-vars FILE, as SAM CLI reads it: the file's shape and its mistakes (each one exact line), who wins
/// (a function's own entry over Parameters), SAM's rule that only declared variables are overridden, and a function
/// that runs with the overridden value through API Gateway and the Lambda API.
/// </summary>
public sealed class EnvVarsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("env-vars-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string FileWith(string json)
    {
        var path = Path.Combine(_folder.FullName, $"env-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static FunctionDefinition Function(string logicalId, params (string Name, string Value)[] variables) =>
        new(logicalId, logicalId, "src/", "Handler", "dotnet10", "x86_64", 512, 10,
            variables.ToDictionary(v => v.Name, v => v.Value), null, "", null, null, false);

    [Fact]
    public void A_good_file_reads_strings_and_turns_numbers_and_booleans_into_strings_as_SAM_CLI_does()
    {
        var overrides = EnvironmentOverrides.Read(FileWith("""
            {"Parameters": {"STAGE": "local"}, "Fn": {"COUNT": 3, "RATE": 1.50, "ON": true, "OFF": false, "NAME": "x"}}
            """));

        var applied = overrides.Apply(Function("Fn", ("STAGE", "t"), ("COUNT", "t"), ("RATE", "t"), ("ON", "t"), ("OFF", "t"), ("NAME", "t")));

        Assert.Equal(new Dictionary<string, string>
        {
            ["STAGE"] = "local", ["COUNT"] = "3", ["RATE"] = "1.50", ["ON"] = "true", ["OFF"] = "false", ["NAME"] = "x",
        }, applied.Environment);
    }

    [Theory]
    [InlineData("{oops", "is not JSON: ")]
    [InlineData("""["Fn"]""", "must be a JSON object of {\"FunctionLogicalId\": {\"VARIABLE\": \"value\"}}, not an array")]
    [InlineData("\"text\"", "must be a JSON object of {\"FunctionLogicalId\": {\"VARIABLE\": \"value\"}}, not a string")]
    [InlineData("""{"Fn": "A=b"}""", ": Fn must be an object of variables, not a string")]
    [InlineData("""{"Parameters": ["A"]}""", ": Parameters must be an object of variables, not an array")]
    [InlineData("""{"Fn": {"A": null}}""", ": Fn.A must be a string, not null")]
    [InlineData("""{"Fn": {"A": {"Ref": "X"}}}""", ": Fn.A must be a string, not an object")]
    [InlineData("""{"Parameters": {"A": [1]}}""", ": Parameters.A must be a string, not an array")]
    public void A_bad_file_is_one_usage_error_naming_the_file_and_the_entry(string json, string problem)
    {
        var path = FileWith(json);

        var error = Assert.Throws<UsageException>(() => EnvironmentOverrides.Read(path));

        Assert.StartsWith($"--env-vars: {path}{(problem.StartsWith(':') ? "" : " ")}{problem}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var path = Path.Combine(_folder.FullName, "none.json");

        Assert.Equal($"--env-vars: {path} does not exist", Assert.Throws<UsageException>(() => EnvironmentOverrides.Read(path)).Message);
    }

    [Fact]
    public void A_functions_own_entry_wins_over_Parameters_and_an_undeclared_variable_is_not_added()
    {
        var overrides = EnvironmentOverrides.Read(FileWith("""
            {"Parameters": {"TABLE_NAME": "global", "STAGE": "dev", "NEW": "x"}, "Fn": {"TABLE_NAME": "own", "ALSO_NEW": "y"}}
            """));

        var fn = overrides.Apply(Function("Fn", ("TABLE_NAME", "t"), ("STAGE", "prod"), ("KEPT", "k")));
        var other = overrides.Apply(Function("Other", ("TABLE_NAME", "t")));

        Assert.Equal(new Dictionary<string, string> { ["TABLE_NAME"] = "own", ["STAGE"] = "dev", ["KEPT"] = "k" }, fn.Environment);
        Assert.Equal(new Dictionary<string, string> { ["TABLE_NAME"] = "global" }, other.Environment);
    }

    [Fact]
    public void What_sets_nothing_is_warned_about()
    {
        var overrides = EnvironmentOverrides.Read(FileWith("""
            {"Parameters": {"NOWHERE": "x"}, "Fn": {"UNDECLARED": "y"}, "Ghost": {"A": "b"}}
            """));

        Assert.Equal([
            "--env-vars: Parameters.NOWHERE is declared by no function of the template, so it sets nothing (only declared variables are overridden, as in SAM CLI)",
            "--env-vars: Fn.UNDECLARED is not declared by Fn in the template, so it is not set (only declared variables are overridden, as in SAM CLI)",
            "--env-vars: Ghost is not a function of the template, so it sets nothing",
        ], overrides.Warnings([Function("Fn", ("TABLE_NAME", "t"))]));
    }

    [Fact]
    public void The_one_place_template_functions_become_served_ones_applies_them_at_start_and_reload_alike()
    {
        var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml")).Model;
        var books = template.Functions.Single(f => f.LogicalId == "BooksFunction");
        var overrides = EnvironmentOverrides.Read(FileWith("""{"BooksFunction": {"ALLOWED_ORIGIN": "https://env.example"}}"""));

        var served = TemplateFunctions.From(books, "/built/Backend.Books.dll", template, overrides);

        Assert.Equal("https://env.example", served.Latest.Environment["ALLOWED_ORIGIN"]);
        Assert.Equal(books.Environment["TABLE_NAME"], served.Latest.Environment["TABLE_NAME"]);
        Assert.Equal("*", books.Environment["ALLOWED_ORIGIN"]);
    }

    [Theory]
    [InlineData("start", "/nonexistent/env.json", "error: --env-vars: /nonexistent/env.json does not exist")]
    [InlineData("start-api", "/nonexistent/env.json", "error: --env-vars: /nonexistent/env.json does not exist")]
    [InlineData("start-lambda", "/nonexistent/env.json", "error: --env-vars: /nonexistent/env.json does not exist")]
    [InlineData("invoke", "/nonexistent/env.json", "error: --env-vars: /nonexistent/env.json does not exist")]
    [InlineData("start", """{"DynamoDbManagerFunction": {"TABLE_NAME": null}}""", "error: --env-vars: FILE: DynamoDbManagerFunction.TABLE_NAME must be a string, not null")]
    public async Task A_bad_env_vars_is_exactly_one_line_and_exit_2_on_every_command(string command, string file, string line)
    {
        var path = file.StartsWith('/') ? file : FileWith(file);
        var args = new List<string> { command };
        if (command == "invoke") args.AddRange(["CalcFunction", "-e", RepositoryFiles.PathOf("events/calc-direct.json")]);
        else args.Add("--in-memory");
        // Each server command takes only its own ports.
        if (command is "start" or "start-api") args.AddRange(["--port", "0"]);
        if (command is "start" or "start-lambda") args.AddRange(["--lambda-port", "0"]);
        if (command == "start") args.AddRange(["--console-port", "0"]);
        args.AddRange(["--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--env-vars", path]);

        var (exit, error) = await EmulatorProcess.RunAsync([.. args]);

        Assert.True(exit == 2, $"exit {exit}:\n{error}");
        Assert.Equal(line.Replace("FILE", path, StringComparison.Ordinal), Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}

/// <summary>The repository's template served with --env-vars: DynamoDbManagerFunction serves only the table TABLE_NAME names.</summary>
public sealed class EnvVarsServerTests
{
    [Fact]
    public async Task A_function_runs_with_the_overridden_variable_through_API_Gateway_and_the_Lambda_API()
    {
        var folder = Directory.CreateTempSubdirectory("env-vars-server-");
        try
        {
            var file = Path.Combine(folder.FullName, "env.json");
            File.WriteAllText(file, """
                {"Parameters": {"TABLE_NAME": "from-parameters"}, "DynamoDbManagerFunction": {"TABLE_NAME": "env-vars-table", "UNDECLARED": "x"}}
                """);
            var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml"));
            var console = new CapturedOutput();
            await using var server = await LocalServer.StartAsync(new LocalServerOptions
            {
                Template = template,
                ApiPort = 0,
                LambdaPort = 0,
                InMemory = true,
                Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
                OnlyFunctions = ["DynamoDbManagerFunction", "BooksFunction"],
                EnvironmentOverrides = EnvironmentOverrides.Read(file),
                Console = console,
            });
            using var api = new HttpClient { BaseAddress = server.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
            using var lambda = new HttpClient { BaseAddress = server.LambdaUrl, Timeout = TimeSpan.FromSeconds(60) };

            // The function checks the requested table against its TABLE_NAME before anything reaches DynamoDB.
            using var served = await api.PostAsync("/prod/DynamoDBManager", new StringContent("""{"operation":"echo","tableName":"env-vars-table","payload":{"k":"v"}}"""));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("""{"k":"v"}""", await served.Content.ReadAsStringAsync());
            using var templates = await api.PostAsync("/prod/DynamoDBManager", new StringContent("""{"operation":"echo","tableName":"lambda-apigateway","payload":{}}"""));
            Assert.Equal(HttpStatusCode.Forbidden, templates.StatusCode);
            Assert.Contains("table 'lambda-apigateway' is not served here", await templates.Content.ReadAsStringAsync());

            using var invoked = await lambda.PostAsync("/2015-03-31/functions/DynamoDbManagerFunction/invocations",
                new StringContent("""{"operation":"echo","tableName":"env-vars-table","payload":{"k":1}}"""));
            Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
            Assert.Equal("""{"k":1}""", await invoked.Content.ReadAsStringAsync());

            // The function's entry won over Parameters; Parameters reached the other function; nothing undeclared was added.
            using var manager = JsonDocument.Parse(await lambda.GetStringAsync("/2015-03-31/functions/DynamoDbManagerFunction/configuration"));
            var variables = manager.RootElement.GetProperty("Environment").GetProperty("Variables");
            Assert.Equal("env-vars-table", variables.GetProperty("TABLE_NAME").GetString());
            Assert.False(variables.TryGetProperty("UNDECLARED", out _));
            using var books = JsonDocument.Parse(await lambda.GetStringAsync("/2015-03-31/functions/BooksFunction/configuration"));
            Assert.Equal("from-parameters", books.RootElement.GetProperty("Environment").GetProperty("Variables").GetProperty("TABLE_NAME").GetString());
            Assert.Contains("warning: --env-vars: DynamoDbManagerFunction.UNDECLARED is not declared by DynamoDbManagerFunction in the template", console.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

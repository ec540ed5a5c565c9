using System.Net;

namespace Backend.Local.Tests.Reload;

/// <summary>
/// Save a file, the next request runs the new code: real edits of a copy of this repository (Calc's source,
/// template.yaml) while the emulator watches it. Each test puts back what it changed and waits for that reload.
/// </summary>
[Collection("hot reload")]
public sealed class HotReloadTests(HotReloadFixture fixture)
{
    private const string Calculator = "src/Backend.Calc/Calculator.cs";
    private const string AddLine = "Operator.Add => a + b,";
    private const string Sum = "/prod/calc/1/2/%2B";
    private const string CalcReloaded = @"^Reloaded CalcFunction in \d+\.\d s \(build \d+\.\d s\)$";
    private const string TemplateReloaded = @"^Reloaded template\.yaml in \d+\.\d\d s: ";

    [Fact]
    public async Task An_edit_of_Calc_is_served_after_one_reload_line_and_runs_as_a_cold_start()
    {
        var reloads = fixture.Count(CalcReloaded);
        var coldStarts = fixture.Count(@"^\[CalcFunction\] REPORT .*Init Duration");
        fixture.Copy.Edit(Calculator, AddLine, "Operator.Add => a + b + 1000,");
        try
        {
            await fixture.WaitForBodyAsync(Sum, "\"c\":1003");
            Assert.Equal(reloads + 1, fixture.Count(CalcReloaded));
            // The console's log tail has it too, as the emulator's line.
            Assert.Contains(fixture.Server.Functions.Logs.Feed.Recent, l => l.Function == "emulator" && l.Line.StartsWith("Reloaded CalcFunction in ", StringComparison.Ordinal));
            // The new build's first invocation started a new instance: its REPORT has an Init Duration, as on Lambda.
            Assert.True(fixture.Count(@"^\[CalcFunction\] REPORT .*Init Duration") > coldStarts, fixture.Output);
        }
        finally
        {
            fixture.Copy.Edit(Calculator, "Operator.Add => a + b + 1000,", AddLine);
            await fixture.WaitForBodyAsync(Sum, "\"c\":3");
        }
    }

    [Fact]
    public async Task A_build_that_fails_keeps_the_previous_code_serving_prints_its_errors_once_and_the_next_good_save_recovers()
    {
        var failures = fixture.Count("^Build of CalcFunction failed: still serving the previous build$");
        var reloads = fixture.Count(CalcReloaded);
        fixture.Copy.Edit(Calculator, AddLine, "Operator.Add => a + b +,");
        try
        {
            await fixture.WaitForLineAsync("^Build of CalcFunction failed: still serving the previous build$", failures);
            // The compiler's error as file:line:column, once (MSBuild itself repeats it in its summary).
            Assert.Equal(1, fixture.Count(@"^  src/Backend\.Calc/Calculator\.cs:\d+:\d+: error CS\d+: "));
            Assert.Contains("\"c\":3", await fixture.Api.GetStringAsync(Sum));
            Assert.Equal(reloads, fixture.Count(CalcReloaded));

            fixture.Copy.Edit(Calculator, "Operator.Add => a + b +,", "Operator.Add => a + b + 7,");
            await fixture.WaitForBodyAsync(Sum, "\"c\":10");
        }
        finally
        {
            File.WriteAllText(fixture.Copy.PathOf(Calculator), File.ReadAllText(fixture.Copy.PathOf(Calculator))
                .Replace("Operator.Add => a + b + 7,", AddLine, StringComparison.Ordinal).Replace("Operator.Add => a + b +,", AddLine, StringComparison.Ordinal));
            await fixture.WaitForBodyAsync(Sum, "\"c\":3");
        }
    }

    [Fact]
    public async Task A_route_added_to_template_yaml_is_served_and_goes_when_it_is_removed()
    {
        const string route = """
                    GetAdd:
                      Type: Api
                      Properties:
                        RestApiId: !Ref RestApi
                        Path: /add/{operand1}/{operand2}/{operator}
                        Method: get

            """;
        var reloads = fixture.Count(TemplateReloaded);
        fixture.Copy.Edit("template.yaml", "        PostCalc:\n", route.Replace("\r", "", StringComparison.Ordinal) + "        PostCalc:\n");
        try
        {
            await fixture.WaitForBodyAsync("/prod/add/2/3/%2B", "\"c\":5");
            Assert.Matches(@"Reloaded template\.yaml in \d+\.\d\d s: new routes GET /prod/add/\{operand1\}/\{operand2\}/\{operator\} -> CalcFunction", fixture.Output);
            Assert.True(fixture.Count(TemplateReloaded) > reloads);
        }
        finally
        {
            var removed = fixture.Count(TemplateReloaded);
            fixture.Copy.Edit("template.yaml", route.Replace("\r", "", StringComparison.Ordinal), "");
            await fixture.WaitForLineAsync(TemplateReloaded, removed);
        }
        using var gone = await fixture.Api.GetAsync("/prod/add/2/3/%2B");
        Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);
        Assert.Contains("Missing Authentication Token", await gone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_changed_environment_variable_reaches_the_function()
    {
        const string variable = "          ALLOWED_ORIGIN: !Ref BooksAllowedOrigin";
        Assert.Equal("*", await AllowedOriginAsync());
        fixture.Copy.Edit("template.yaml", variable, "          ALLOWED_ORIGIN: https://reload.example");
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (await AllowedOriginAsync() != "https://reload.example")
            {
                Assert.True(DateTime.UtcNow < deadline, fixture.Output);
                await Task.Delay(50);
            }
            Assert.Matches(@"Reloaded template\.yaml in \d+\.\d\d s: changed BooksFunction \(Environment\)", fixture.Output);
        }
        finally
        {
            var reloads = fixture.Count(TemplateReloaded);
            fixture.Copy.Edit("template.yaml", "          ALLOWED_ORIGIN: https://reload.example", variable);
            await fixture.WaitForLineAsync(TemplateReloaded, reloads);
        }
        Assert.Equal("*", await AllowedOriginAsync());
    }

    [Fact]
    public async Task A_template_that_no_longer_reads_keeps_the_previous_configuration_and_names_the_line()
    {
        var refusals = fixture.Count("^template.yaml not reloaded: ");
        const string handler = "      Handler: Backend.Calc\n";
        var line = File.ReadAllText(fixture.Copy.PathOf("template.yaml")).Split('\n').ToList().IndexOf("      Handler: Backend.Calc") + 2;
        fixture.Copy.Edit("template.yaml", handler, handler + "      Runtime: python3.12\n");
        try
        {
            await fixture.WaitForLineAsync("^template.yaml not reloaded: ", refusals);
            Assert.Matches($@"template\.yaml not reloaded: .*template\.yaml:{line}: Resources\.CalcFunction\.Properties\.Runtime: python3\.12 is not supported by the local emulator", fixture.Output);
            Assert.Contains("\"c\":3", await fixture.Api.GetStringAsync(Sum));

            fixture.Copy.Edit("template.yaml", "      Runtime: python3.12\n", "      Runtime: a: b\n");
            await fixture.WaitForLineAsync("^template.yaml not reloaded: ", refusals + 1);
            Assert.Matches($@"template\.yaml not reloaded: .*template\.yaml:{line}: not valid YAML: ", fixture.Output);
            Assert.Contains("\"c\":3", await fixture.Api.GetStringAsync(Sum));
        }
        finally
        {
            var reloads = fixture.Count(TemplateReloaded);
            fixture.Copy.Edit("template.yaml", "      Runtime: a: b\n", "");
            await fixture.WaitForLineAsync(TemplateReloaded, reloads);
        }
        Assert.Contains("\"c\":3", await fixture.Api.GetStringAsync(Sum));
    }

    [Fact]
    public async Task No_request_fails_while_Calc_reloads_three_times_under_a_stream_of_requests()
    {
        using var stop = new CancellationTokenSource();
        var answers = 0;
        var failures = new List<string>();
        async Task LoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await fixture.Api.GetAsync(Sum, CancellationToken.None);
                Interlocked.Increment(ref answers);
                if (!response.IsSuccessStatusCode)
                {
                    var failure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    lock (failures) failures.Add(failure);
                }
            }
        }
        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(LoopAsync)).ToList();
        var previous = AddLine;
        try
        {
            foreach (var extra in new[] { 1, 2, 3 })
            {
                var next = $"Operator.Add => a + b + {extra},";
                fixture.Copy.Edit(Calculator, previous, next);
                previous = next;
                await fixture.WaitForBodyAsync(Sum, $"\"c\":{3 + extra}");
            }
        }
        finally
        {
            fixture.Copy.Edit(Calculator, previous, AddLine);
            await fixture.WaitForBodyAsync(Sum, "\"c\":3");
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }
        Assert.Empty(failures);
        Assert.True(answers > 50, $"only {answers} answers");
    }

    [Fact]
    public async Task A_start_on_an_unchanged_tree_publishes_nothing()
    {
        async Task<string> StartAsync()
        {
            var console = new CapturedOutput();
            await using var server = await Backend.Local.Hosting.LocalServer.StartAsync(new Backend.Local.Hosting.LocalServerOptions
            {
                Template = Backend.Local.Hosting.TemplateFile.Load(fixture.Copy.PathOf("template.yaml")),
                ApiPort = 0,
                LambdaPort = null,
                InMemory = true,
                OnlyFunctions = ["CalcFunction"],
                Console = console,
            });
            using var api = new HttpClient { BaseAddress = server.ApiUrl };
            Assert.Contains("\"c\":3", await api.GetStringAsync(Sum));
            return console.ToString();
        }

        // The first start builds if an earlier test's edit left the last build behind; the second has nothing to do.
        await StartAsync();
        var second = await StartAsync();
        Assert.Matches(@"Up to date: CalcFunction \(src/Backend\.Calc/Backend\.Calc\.csproj, checked in \d+\.\d\d s\)", second);
        Assert.DoesNotContain("Building CalcFunction", second);
    }

    private async Task<string?> AllowedOriginAsync()
    {
        using var response = await fixture.Api.GetAsync("/prod/books");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }
}

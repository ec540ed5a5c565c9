using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>
/// What the user typed wrong, through the real command line: exit 2 and one line on stderr, `error: …`, never a
/// stack trace; with and without --artifacts (which reads the template before anything else does).
/// </summary>
public sealed class CliUsageErrorTests
{
    public static TheoryData<string, bool, string, string> Cases()
    {
        var data = new TheoryData<string, bool, string, string>();
        foreach (var command in new[] { "invoke", "start" })
        {
            foreach (var artifacts in new[] { false, true })
            {
                data.Add(command, artifacts, "--parameter-overrides Foo", "--parameter-overrides takes Name=Value, not 'Foo'");
                data.Add(command, artifacts, "--parameter-overrides NoSuchParameter=x", "parameter override 'NoSuchParameter' names no parameter of the template");
                data.Add(command, artifacts, "--template /nonexistent/template.yaml", "/nonexistent/template.yaml does not exist");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_usage_error_is_one_line_and_exit_2(string command, bool artifacts, string mistake, string message)
    {
        var args = new List<string> { command };
        if (command == "invoke") args.AddRange(["CalcFunction", "-e", RepositoryFiles.PathOf("events/calc-direct.json")]);
        else args.AddRange(["--port", "0", "--lambda-port", "0", "--console-port", "0", "--in-memory"]);
        if (!mistake.Contains("--template", StringComparison.Ordinal)) args.AddRange(["--template", RepositoryFiles.PathOf("template.yaml")]);
        if (artifacts) args.AddRange(["--artifacts", AppContext.BaseDirectory]);
        args.AddRange(mistake.Split(' '));

        var (exit, error) = await EmulatorProcess.RunAsync([.. args]);

        Assert.True(exit == 2, $"exit {exit}:\n{error}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("--warm-containers SOMETIMES", "error: --warm-containers takes EAGER or LAZY, not 'SOMETIMES'")]
    [InlineData("--watch --no-watch", "error: --watch and --no-watch contradict each other: give one")]
    public async Task A_server_option_given_wrong_is_exactly_one_line_and_exit_2(string mistake, string line)
    {
        var (exit, error) = await EmulatorProcess.RunAsync(["start", "--port", "0", "--lambda-port", "0", "--console-port", "0", "--in-memory",
            "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, .. mistake.Split(' ')]);

        Assert.True(exit == 2, $"exit {exit}:\n{error}");
        Assert.Equal(line, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Missing_artifacts_are_one_line_and_exit_2()
    {
        var empty = Directory.CreateTempSubdirectory("no-artifacts-");
        try
        {
            var (exit, error) = await EmulatorProcess.RunAsync("invoke", "CalcFunction", "-e", RepositoryFiles.PathOf("events/calc-direct.json"),
                "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", empty.FullName);

            Assert.Equal(2, exit);
            Assert.StartsWith("error: --artifacts: Backend.", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}

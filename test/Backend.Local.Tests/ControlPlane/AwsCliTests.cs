namespace Backend.Local.Tests.ControlPlane;

public class AwsCliTests
{
    // Nothing listens here: the tests below never reach the endpoint.
    private static readonly AwsCli Cli = new(new Uri("http://127.0.0.1:9/"));

    [Fact]
    public async Task The_cli_is_version_1()
    {
        var result = await Cli.RunAsync("--version");

        Assert.True(result.ExitCode == 0, result.Error);
        // The CLI v1 prints its version on stdout (older releases on stderr).
        Assert.StartsWith("aws-cli/1.", (result.Output + result.Error).Trim());
    }

    [Fact]
    public void Output_that_is_not_json_fails_showing_stderr()
    {
        var result = new AwsResult(255, "not json", "An error occurred (ResourceNotFoundException)");

        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => result.Json);
        Assert.Contains("ResourceNotFoundException", failure.Message);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_a_failed_exit_not_a_hang()
    {
        var result = await Cli.RunAsync("lambda", "list-functions");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("127.0.0.1:9", result.Error);
    }
}

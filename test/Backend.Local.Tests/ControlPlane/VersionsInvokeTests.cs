using System.Net;
using System.Text.Json;
using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>A published version is frozen: invoking or reading it by qualifier reaches its code, not $LATEST's.</summary>
[Collection("control plane server")]
public class VersionsInvokeTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task Version_1_keeps_answering_with_its_code_after_latest_is_updated_and_says_which_version_ran()
    {
        var name = UniqueName("versions-invoke");
        await PythonAsync(fixture, PythonVersions(name, "v1") + $$"""
            ok(call("update_function_code", FunctionName="{{name}}", ZipFile={{PythonZip("v2")}}))
            print("{}")
            """);

        var (versionCli, version) = await InvokeAsync(fixture, name, "1");
        var (latestCli, latest) = await InvokeAsync(fixture, name);
        var (arnCli, byArn) = await InvokeAsync(fixture, $"{ArnPrefix}{name}:1");

        Assert.Equal("v1", version.GetProperty("marker").GetString());
        Assert.Equal("1", versionCli.GetProperty("ExecutedVersion").GetString());
        Assert.Equal("v2", latest.GetProperty("marker").GetString());
        Assert.Equal("$LATEST", latestCli.GetProperty("ExecutedVersion").GetString());
        Assert.Equal("v1", byArn.GetProperty("marker").GetString());
        Assert.Equal("1", arnCli.GetProperty("ExecutedVersion").GetString());
        Assert.Equal(200, versionCli.GetProperty("StatusCode").GetInt32());
    }

    [Fact]
    public async Task Get_function_with_a_version_qualifier_names_the_version_in_its_arn()
    {
        var name = UniqueName("versions-get");
        await PythonAsync(fixture, PythonVersions(name, "v1") + "print('{}')\n");

        var function = await GetRawAsync(fixture, $"/2015-03-31/functions/{name}?Qualifier=1");

        BotocoreModel.AssertOutputShape("GetFunction", function);
        Assert.Equal($"{ArnPrefix}{name}:1", function.GetProperty("Configuration").GetProperty("FunctionArn").GetString());
        Assert.Equal("1", function.GetProperty("Configuration").GetProperty("Version").GetString());
    }

    [Fact]
    public async Task An_unknown_version_is_not_found_naming_the_qualified_arn()
    {
        var name = UniqueName("versions-unknown");
        await CreateAsync(fixture, name, "v1");

        using var response = await fixture.Lambda.GetAsync($"/2015-03-31/functions/{name}/configuration?Qualifier=99");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("User", body.RootElement.GetProperty("Type").GetString());
        Assert.Equal($"Function not found: {ArnPrefix}{name}:99", body.RootElement.GetProperty("Message").GetString());
    }
}

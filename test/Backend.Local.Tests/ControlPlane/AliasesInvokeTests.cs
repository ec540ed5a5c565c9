using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>Invoking an alias runs the version it points at (X-Amz-Executed-Version says which), not $LATEST.</summary>
[Collection("control plane server")]
public class AliasesInvokeTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task An_alias_runs_its_version_even_after_latest_changes_and_follows_an_update()
    {
        var name = UniqueName("aliases-invoke");
        await PythonAsync(fixture, PythonVersions(name, "v1", "v2") + $$"""
            ok(call("create_alias", FunctionName="{{name}}", Name="live", FunctionVersion="1"))
            ok(call("update_function_code", FunctionName="{{name}}", ZipFile={{PythonZip("v3")}}))
            print("{}")
            """);

        var (beforeCli, before) = await InvokeAsync(fixture, name, "live");
        await AwsOkAsync(fixture, "update-alias", "--function-name", name, "--name", "live", "--function-version", "2");
        var (afterCli, after) = await InvokeAsync(fixture, name, "live");

        Assert.Equal("v1", before.GetProperty("marker").GetString());
        Assert.Equal("1", beforeCli.GetProperty("ExecutedVersion").GetString());
        Assert.Equal("v2", after.GetProperty("marker").GetString());
        Assert.Equal("2", afterCli.GetProperty("ExecutedVersion").GetString());
    }
}

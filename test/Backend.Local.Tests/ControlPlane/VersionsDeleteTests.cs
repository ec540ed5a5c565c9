using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>DeleteFunction with a Qualifier deletes one published version, unless an alias still needs it; $LATEST only goes with the function.</summary>
[Collection("control plane server")]
public class VersionsDeleteTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task A_version_an_alias_points_at_cannot_be_deleted()
    {
        var name = UniqueName("versions-delete-aliased");
        await PythonAsync(fixture, PythonVersions(name, "v1") + $$"""
            ok(call("create_alias", FunctionName="{{name}}", Name="live", FunctionVersion="1"))
            print("{}")
            """);

        var error = await AwsFailsAsync(fixture, "ResourceConflictException", "delete-function", "--function-name", name, "--qualifier", "1");

        Assert.Contains("live", error);
        await GetRawAsync(fixture, $"/2015-03-31/functions/{name}/configuration?Qualifier=1");
    }

    [Fact]
    public async Task Latest_cannot_be_deleted_on_its_own()
    {
        var name = UniqueName("versions-delete-latest");
        await CreateAsync(fixture, name, "v1");

        var error = await AwsFailsAsync(fixture, "InvalidParameterValueException", "delete-function", "--function-name", name, "--qualifier", "$LATEST");

        Assert.Contains("$LATEST version cannot be deleted without deleting the function.", error);
        await GetRawAsync(fixture, $"/2015-03-31/functions/{name}");
    }

    [Fact]
    public async Task A_version_without_aliases_is_deleted_and_can_no_longer_be_invoked()
    {
        var name = UniqueName("versions-delete");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1", "v2") + $$"""
            deleted = call("delete_function", FunctionName="{{name}}", Qualifier="2")
            gone = call("invoke", FunctionName="{{name}}", Qualifier="2")
            kept = call("invoke", FunctionName="{{name}}", Qualifier="1")
            print(json.dumps({"deleted": deleted, "gone": gone, "kept": kept}))
            """);

        Assert.Equal(204, result.GetProperty("deleted").GetProperty("status").GetInt32());
        var gone = result.GetProperty("gone");
        Assert.Equal("ResourceNotFoundException", gone.GetProperty("error").GetString());
        Assert.Equal($"Function not found: {ArnPrefix}{name}:2", gone.GetProperty("message").GetString());
        Assert.Equal("v1", result.GetProperty("kept").GetProperty("body").GetProperty("Payload").GetProperty("marker").GetString());
    }
}

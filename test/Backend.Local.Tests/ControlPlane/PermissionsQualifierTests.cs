using System.Text.Json;
using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>Each version and alias has its own resource policy; $LATEST has none of its own.</summary>
[Collection("control plane server")]
public class PermissionsQualifierTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task An_alias_and_a_version_each_get_their_own_policy_and_latest_gets_none()
    {
        var name = UniqueName("permissions-qualified");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1") + $$"""
            ok(call("create_alias", FunctionName="{{name}}", Name="live", FunctionVersion="1"))
            def add(sid, **qualifier):
                return call("add_permission", FunctionName="{{name}}", StatementId=sid, Action="lambda:InvokeFunction", Principal="s3.amazonaws.com", **qualifier)
            ok(add("unqualified"))
            print(json.dumps({
                "alias": add("onalias", Qualifier="live"),
                "version": add("onversion", Qualifier="1"),
                "latest": add("onlatest", Qualifier="$LATEST"),
            }))
            """);

        Assert.EndsWith(":live", ResourceOf(result.GetProperty("alias")));
        Assert.EndsWith(":1", ResourceOf(result.GetProperty("version")));
        var latest = result.GetProperty("latest");
        Assert.Equal(400, latest.GetProperty("status").GetInt32());
        Assert.Equal("InvalidParameterValueException", latest.GetProperty("error").GetString());
        Assert.Equal("We currently do not support adding policies for $LATEST.", latest.GetProperty("message").GetString());

        Assert.Equal(new (string?, string?)[] { ("onalias", $"{ArnPrefix}{name}:live") }, await StatementsAsync(name, "live"));
        Assert.Equal(new (string?, string?)[] { ("onversion", $"{ArnPrefix}{name}:1") }, await StatementsAsync(name, "1"));
        Assert.Equal(new (string?, string?)[] { ("unqualified", ArnPrefix + name) }, await StatementsAsync(name, null));
    }

    private static string ResourceOf(JsonElement added)
    {
        Assert.Equal(201, added.GetProperty("status").GetInt32());
        using var statement = JsonDocument.Parse(added.GetProperty("body").GetProperty("Statement").GetString()!);
        return statement.RootElement.GetProperty("Resource").GetString()!;
    }

    private async Task<(string?, string?)[]> StatementsAsync(string name, string? qualifier)
    {
        var policy = await GetRawAsync(fixture, $"/2015-03-31/functions/{name}/policy" + (qualifier is null ? "" : "?Qualifier=" + qualifier));
        using var document = JsonDocument.Parse(policy.GetProperty("Policy").GetString()!);
        return [.. document.RootElement.GetProperty("Statement").EnumerateArray().Select(s => (s.GetProperty("Sid").GetString(), s.GetProperty("Resource").GetString()))];
    }
}

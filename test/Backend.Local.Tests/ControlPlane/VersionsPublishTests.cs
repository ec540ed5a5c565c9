using System.Text.Json;
using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>PublishVersion and ListVersionsByFunction, as Lambda answers them (facts file §5, §13).</summary>
[Collection("control plane server")]
public class VersionsPublishTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task Publishing_makes_version_1_and_publishing_again_unchanged_returns_version_1_without_a_new_one()
    {
        var name = UniqueName("versions-publish");
        var result = await PythonAsync(fixture, $$"""
            ok(call("create_function", FunctionName="{{name}}", Runtime="provided.al2023", Handler="bootstrap", Role="{{Role}}", Code={"ZipFile": {{PythonZip("v1")}}}))
            first = call("publish_version", FunctionName="{{name}}")
            again = call("publish_version", FunctionName="{{name}}")
            versions = call("list_versions_by_function", FunctionName="{{name}}")
            print(json.dumps({"first": first, "again": again, "versions": versions}))
            """);

        var first = result.GetProperty("first");
        var again = result.GetProperty("again");
        Assert.Equal(201, first.GetProperty("status").GetInt32());
        Assert.Equal("1", first.GetProperty("body").GetProperty("Version").GetString());
        Assert.Equal(ArnPrefix + name + ":1", first.GetProperty("body").GetProperty("FunctionArn").GetString());
        BotocoreModel.AssertOutputShape("PublishVersion", first.GetProperty("body"));
        // Nothing changed: the same version 1 again, still 201, the same revision.
        Assert.Equal(201, again.GetProperty("status").GetInt32());
        Assert.Equal("1", again.GetProperty("body").GetProperty("Version").GetString());
        Assert.Equal(first.GetProperty("body").GetProperty("RevisionId").GetString(), again.GetProperty("body").GetProperty("RevisionId").GetString());
        Assert.Equal(new string?[] { "$LATEST", "1" }, VersionsOf(result.GetProperty("versions").GetProperty("body")));
    }

    [Fact]
    public async Task Publishing_with_a_code_sha256_other_than_latests_is_refused_naming_both()
    {
        var name = UniqueName("versions-sha");
        var created = await CreateAsync(fixture, name, "v1");
        var sha = created.GetProperty("CodeSha256").GetString();

        var error = await AwsFailsAsync(fixture, "InvalidParameterValueException", "publish-version", "--function-name", name, "--code-sha256", "somenonexistentsha256");

        Assert.Contains($"CodeSHA256 (somenonexistentsha256) is different from current CodeSHA256 in $LATEST ({sha}). Please try again with the CodeSHA256 in $LATEST.", error);
        await GetRawAsync(fixture, $"/2015-03-31/functions/{name}/configuration?Qualifier=1", System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publishing_with_a_stale_revision_id_fails_its_precondition()
    {
        var name = UniqueName("versions-revision");
        var result = await PythonAsync(fixture, $$"""
            created = ok(call("create_function", FunctionName="{{name}}", Runtime="provided.al2023", Handler="bootstrap", Role="{{Role}}", Code={"ZipFile": {{PythonZip("v1")}}}))
            ok(call("update_function_configuration", FunctionName="{{name}}", Description="changed"))
            stale = call("publish_version", FunctionName="{{name}}", RevisionId=created["body"]["RevisionId"])
            print(json.dumps(stale))
            """);

        Assert.Equal(412, result.GetProperty("status").GetInt32());
        Assert.Equal("PreconditionFailedException", result.GetProperty("error").GetString());
        Assert.Equal("The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
            result.GetProperty("message").GetString());
        Assert.Equal("User", result.GetProperty("body").GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Versions_are_listed_latest_first_then_in_ascending_order()
    {
        var name = UniqueName("versions-list");
        await PythonAsync(fixture, PythonVersions(name, "v1", "v2") + "print('{}')\n");

        var listed = await GetRawAsync(fixture, $"/2015-03-31/functions/{name}/versions");

        BotocoreModel.AssertOutputShape("ListVersionsByFunction", listed);
        Assert.Equal(new string?[] { "$LATEST", "1", "2" }, VersionsOf(listed));
        Assert.Equal(new string?[] { $"{ArnPrefix}{name}:$LATEST", $"{ArnPrefix}{name}:1", $"{ArnPrefix}{name}:2" },
            listed.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("FunctionArn").GetString()));
    }

    private static string?[] VersionsOf(JsonElement list) =>
        [.. list.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString())];

    [Fact]
    public async Task Paging_versions_one_at_a_time_while_deleting_each_one_seen_visits_every_version_once()
    {
        // A clean-up loop: a page, delete what it showed, the next page. A marker by position would skip versions.
        var name = UniqueName("versions-paging");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1", "v2", "v3") + $$"""
            seen, marker = [], None
            while True:
                page = client.list_versions_by_function(FunctionName="{{name}}", MaxItems=1, **({"Marker": marker} if marker else {}))
                for v in page["Versions"]:
                    seen.append(v["Version"])
                    if v["Version"] != "$LATEST":
                        client.delete_function(FunctionName="{{name}}", Qualifier=v["Version"])
                marker = page.get("NextMarker")
                if not marker or len(seen) > 10:
                    break
            print(json.dumps({"seen": seen}))
            """);

        Assert.Equal(["$LATEST", "1", "2", "3"], result.GetProperty("seen").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task After_the_last_version_is_deleted_publishing_makes_a_new_number_not_the_older_version()
    {
        var name = UniqueName("versions-renumber");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1") + $$"""
            ok(call("update_function_configuration", FunctionName="{{name}}", Description="changed"))
            ok(call("publish_version", FunctionName="{{name}}"))
            ok(call("delete_function", FunctionName="{{name}}", Qualifier="2"))
            again = call("publish_version", FunctionName="{{name}}")
            print(json.dumps({"again": again}))
            """);

        var body = result.GetProperty("again").GetProperty("body");
        // Numbers are never reused, and version 1 (without the description) is not what $LATEST is now.
        Assert.Equal("3", body.GetProperty("Version").GetString());
        Assert.Equal("changed", body.GetProperty("Description").GetString());
    }

    [Fact]
    public async Task UpdateFunctionCode_with_an_architecture_Lambda_has_not_is_refused_and_changes_nothing()
    {
        var name = UniqueName("versions-arch");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1") + $$"""
            refused = call("update_function_code", FunctionName="{{name}}", ZipFile={{PythonZip("v2")}}, Architectures=["sparc"])
            after = call("get_function_configuration", FunctionName="{{name}}")
            print(json.dumps({"refused": refused, "after": after}))
            """);

        Assert.Equal("ValidationException", result.GetProperty("refused").GetProperty("error").GetString());
        Assert.Equal("x86_64", result.GetProperty("after").GetProperty("body").GetProperty("Architectures")[0].GetString());
    }
}

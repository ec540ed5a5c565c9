using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>CreateAlias, GetAlias, ListAliases, UpdateAlias and DeleteAlias, with Lambda's statuses, shapes and errors (facts file §6).</summary>
[Collection("control plane server")]
public class AliasesLifecycleTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task An_alias_is_created_read_listed_updated_with_its_revision_and_deleted()
    {
        var name = UniqueName("aliases-lifecycle");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1", "v2") + $$"""
            created = call("create_alias", FunctionName="{{name}}", Name="live", FunctionVersion="1")
            got = call("get_alias", FunctionName="{{name}}", Name="live")
            listed = call("list_aliases", FunctionName="{{name}}")
            stale = call("update_alias", FunctionName="{{name}}", Name="live", FunctionVersion="2", RevisionId="not-the-revision")
            updated = call("update_alias", FunctionName="{{name}}", Name="live", FunctionVersion="2", RevisionId=created["body"]["RevisionId"])
            deleted = call("delete_alias", FunctionName="{{name}}", Name="live")
            after = call("get_alias", FunctionName="{{name}}", Name="live")
            print(json.dumps({"created": created, "got": got, "listed": listed, "stale": stale, "updated": updated, "deleted": deleted, "after": after}))
            """);

        var created = result.GetProperty("created");
        Assert.Equal(201, created.GetProperty("status").GetInt32());
        BotocoreModel.AssertOutputShape("CreateAlias", created.GetProperty("body"));
        Assert.Equal($"{ArnPrefix}{name}:live", created.GetProperty("body").GetProperty("AliasArn").GetString());
        Assert.Equal("1", created.GetProperty("body").GetProperty("FunctionVersion").GetString());
        // AWS always sends Description ("" when unset) and leaves RoutingConfig out when there is none.
        Assert.Equal("", created.GetProperty("body").GetProperty("Description").GetString());
        Assert.False(created.GetProperty("body").TryGetProperty("RoutingConfig", out _));

        var got = result.GetProperty("got");
        Assert.Equal(200, got.GetProperty("status").GetInt32());
        BotocoreModel.AssertOutputShape("GetAlias", got.GetProperty("body"));
        Assert.Equal(created.GetProperty("body").GetRawText(), got.GetProperty("body").GetRawText());

        var listed = result.GetProperty("listed").GetProperty("body");
        BotocoreModel.AssertOutputShape("ListAliases", listed);
        Assert.Equal("live", Assert.Single(listed.GetProperty("Aliases").EnumerateArray()).GetProperty("Name").GetString());

        var stale = result.GetProperty("stale");
        Assert.Equal(412, stale.GetProperty("status").GetInt32());
        Assert.Equal("PreconditionFailedException", stale.GetProperty("error").GetString());

        var updated = result.GetProperty("updated");
        Assert.Equal(200, updated.GetProperty("status").GetInt32());
        BotocoreModel.AssertOutputShape("UpdateAlias", updated.GetProperty("body"));
        Assert.Equal("2", updated.GetProperty("body").GetProperty("FunctionVersion").GetString());
        Assert.NotEqual(created.GetProperty("body").GetProperty("RevisionId").GetString(), updated.GetProperty("body").GetProperty("RevisionId").GetString());

        Assert.Equal(204, result.GetProperty("deleted").GetProperty("status").GetInt32());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("after").GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_alias_is_not_found_and_an_existing_one_cannot_be_created_again()
    {
        var name = UniqueName("aliases-errors");
        var result = await PythonAsync(fixture, PythonVersions(name, "v1") + $$"""
            ok(call("create_alias", FunctionName="{{name}}", Name="live", FunctionVersion="1"))
            unknown = call("get_alias", FunctionName="{{name}}", Name="nosuchalias")
            again = call("create_alias", FunctionName="{{name}}", Name="live", FunctionVersion="1")
            print(json.dumps({"unknown": unknown, "again": again}))
            """);

        var unknown = result.GetProperty("unknown");
        Assert.Equal(404, unknown.GetProperty("status").GetInt32());
        Assert.Equal("ResourceNotFoundException", unknown.GetProperty("error").GetString());
        Assert.Equal($"Cannot find alias arn: {ArnPrefix}{name}:nosuchalias", unknown.GetProperty("message").GetString());
        var again = result.GetProperty("again");
        Assert.Equal(409, again.GetProperty("status").GetInt32());
        Assert.Equal("ResourceConflictException", again.GetProperty("error").GetString());
        Assert.Equal($"Alias already exists: {ArnPrefix}{name}:live", again.GetProperty("message").GetString());
    }
}

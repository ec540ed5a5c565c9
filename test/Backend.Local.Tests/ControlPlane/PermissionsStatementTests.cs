using System.Text.Json;
using Xunit;
using static Backend.Local.Tests.ControlPlane.VersionsKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>AddPermission, GetPolicy and RemovePermission on a function's own policy (facts file §7).</summary>
[Collection("control plane server")]
public class PermissionsStatementTests(ControlPlaneServerFixture fixture)
{
    private const string BucketArn = "arn:aws:s3:::some-bucket";

    [Fact]
    public async Task A_permission_is_answered_as_a_statement_in_lambdas_member_order_and_its_sid_cannot_repeat()
    {
        var name = UniqueName("permissions-add");
        await CreateAsync(fixture, name, "v1");
        var result = await PythonAsync(fixture, $$"""
            def add(sid):
                return call("add_permission", FunctionName="{{name}}", StatementId=sid, Action="lambda:InvokeFunction", Principal="s3.amazonaws.com", SourceArn="{{BucketArn}}")
            print(json.dumps({"added": add("s3"), "again": add("s3")}))
            """);

        var added = result.GetProperty("added");
        Assert.Equal(201, added.GetProperty("status").GetInt32());
        BotocoreModel.AssertOutputShape("AddPermission", added.GetProperty("body"));
        using var statement = JsonDocument.Parse(added.GetProperty("body").GetProperty("Statement").GetString()!);
        var s = statement.RootElement;
        Assert.Equal(new[] { "Sid", "Effect", "Principal", "Action", "Resource", "Condition" }, s.EnumerateObject().Select(p => p.Name));
        Assert.Equal("s3", s.GetProperty("Sid").GetString());
        Assert.Equal("Allow", s.GetProperty("Effect").GetString());
        Assert.Equal("s3.amazonaws.com", s.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("lambda:InvokeFunction", s.GetProperty("Action").GetString());
        Assert.Equal(ArnPrefix + name, s.GetProperty("Resource").GetString());
        Assert.Equal(BucketArn, s.GetProperty("Condition").GetProperty("ArnLike").GetProperty("AWS:SourceArn").GetString());

        var again = result.GetProperty("again");
        Assert.Equal(409, again.GetProperty("status").GetInt32());
        Assert.Equal("ResourceConflictException", again.GetProperty("error").GetString());
        Assert.Equal("The statement id (s3) provided already exists. Please provide a new statement id, or remove the existing statement.", again.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_policy_holds_the_statements_in_the_order_they_were_added()
    {
        var name = UniqueName("permissions-policy");
        await PythonAsync(fixture, PythonVersions(name, "v1") + $$"""
            ok(call("add_permission", FunctionName="{{name}}", StatementId="first", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com", SourceArn="{{BucketArn}}"))
            ok(call("add_permission", FunctionName="{{name}}", StatementId="account", Action="lambda:InvokeFunction", Principal="123456789012"))
            print("{}")
            """);

        var policy = await GetRawAsync(fixture, $"/2015-03-31/functions/{name}/policy");

        BotocoreModel.AssertOutputShape("GetPolicy", policy);
        Assert.False(string.IsNullOrEmpty(policy.GetProperty("RevisionId").GetString()));
        using var document = JsonDocument.Parse(policy.GetProperty("Policy").GetString()!);
        var root = document.RootElement;
        Assert.Equal(new[] { "Version", "Id", "Statement" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2012-10-17", root.GetProperty("Version").GetString());
        Assert.Equal("default", root.GetProperty("Id").GetString());
        var statements = root.GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(new string?[] { "first", "account" }, statements.Select(s => s.GetProperty("Sid").GetString()));
        // An account id becomes the account's root user; without a SourceArn there is no Condition.
        Assert.Equal("""{"AWS":"arn:aws:iam::123456789012:root"}""", statements[1].GetProperty("Principal").GetRawText());
        Assert.False(statements[1].TryGetProperty("Condition", out _));
    }

    [Fact]
    public async Task Removing_checks_the_revision_and_the_sid_and_the_last_removal_leaves_no_policy()
    {
        var name = UniqueName("permissions-remove");
        await CreateAsync(fixture, name, "v1");
        var result = await PythonAsync(fixture, $$"""
            ok(call("add_permission", FunctionName="{{name}}", StatementId="only", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com"))
            print(json.dumps({
                "stale": call("remove_permission", FunctionName="{{name}}", StatementId="only", RevisionId="not-the-revision"),
                "unknown": call("remove_permission", FunctionName="{{name}}", StatementId="nosuchsid"),
                "removed": call("remove_permission", FunctionName="{{name}}", StatementId="only"),
                "policy": call("get_policy", FunctionName="{{name}}"),
            }))
            """);

        var stale = result.GetProperty("stale");
        Assert.Equal(412, stale.GetProperty("status").GetInt32());
        Assert.Equal("PreconditionFailedException", stale.GetProperty("error").GetString());
        var unknown = result.GetProperty("unknown");
        Assert.Equal(404, unknown.GetProperty("status").GetInt32());
        Assert.Equal("Statement nosuchsid is not found in resource policy.", unknown.GetProperty("message").GetString());
        Assert.Equal(204, result.GetProperty("removed").GetProperty("status").GetInt32());
        var policy = result.GetProperty("policy");
        Assert.Equal("ResourceNotFoundException", policy.GetProperty("error").GetString());
        Assert.Equal("The resource you requested does not exist.", policy.GetProperty("message").GetString());
    }
}

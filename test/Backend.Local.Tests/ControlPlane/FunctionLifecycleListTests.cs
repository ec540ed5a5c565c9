using System.Text.Json;
using static Backend.Local.Tests.ControlPlane.FunctionLifecycleKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>ListFunctions over functions created through the API: everything listed, paging that neither skips nor repeats.</summary>
[Collection("control plane server")]
public class FunctionLifecycleListTests(ControlPlaneServerFixture fixture)
{
    [Fact]
    public async Task Created_functions_are_listed_and_paged_one_at_a_time_exactly_once()
    {
        string[] names = [UniqueName("lc-list-a"), UniqueName("lc-list-b"), UniqueName("lc-list-c")];
        using var zip = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("listed"));
        // One boto3 process creates the functions and walks the pages (MaxItems=1, following NextMarker):
        // many calls, one interpreter start.
        var walked = await fixture.Boto3.RunAsync($$"""
            names = {{JsonSerializer.Serialize(names)}}
            code = open({{JsonSerializer.Serialize(zip.Path)}}, "rb").read()
            for name in names:
                client.create_function(FunctionName=name, Runtime="provided.al2023", Handler="function.handler",
                                       Role="{{Role}}", Code={"ZipFile": code})
            seen, sizes, first, marker = [], [], None, None
            while True:
                page = client.list_functions(MaxItems=1, **({"Marker": marker} if marker else {}))
                page.pop("ResponseMetadata")
                first = first or page
                sizes.append(len(page["Functions"]))
                seen += [f["FunctionName"] for f in page["Functions"]]
                marker = page.get("NextMarker")
                if not marker or len(sizes) > 1000:
                    break
            unpaged = [f["FunctionName"] for p in client.get_paginator("list_functions").paginate() for f in p["Functions"]]
            every_version = [f for p in client.get_paginator("list_functions").paginate(FunctionVersion="ALL")
                             for f in p["Functions"]]
            show({"seen": seen, "sizes": sizes, "first": first, "all": every_version, "unpaged": unpaged})
            """);
        Assert.True(walked.ExitCode == 0, walked.Error);
        var cli = await fixture.Aws.RunAsync("lambda", "list-functions");
        var onePage = await fixture.Aws.RunAsync("lambda", "list-functions", "--max-items", "1");
        AssertSucceeded(onePage);
        var nextPage = await fixture.Aws.RunAsync("lambda", "list-functions", "--max-items", "1",
            "--starting-token", onePage.Json.GetProperty("NextToken").GetString()!);

        var result = walked.Json;
        BotocoreModel.AssertOutputShape("ListFunctions", result.GetProperty("first"));
        Assert.All(result.GetProperty("sizes").EnumerateArray(), size => Assert.Equal(1, size.GetInt32()));
        var seen = result.GetProperty("seen").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        // Every function, each once: the one-at-a-time walk sees what a single listing sees, in the same order.
        Assert.Equal(result.GetProperty("unpaged").EnumerateArray().Select(n => n.GetString()!), seen);
        Assert.Superset(names.ToHashSet(), seen.ToHashSet());

        // FunctionVersion=ALL names each version: $LATEST with a qualified ARN.
        var all = result.GetProperty("all").EnumerateArray().ToList();
        foreach (var name in names)
        {
            var versions = all.Where(f => f.GetProperty("FunctionName").GetString() == name).ToList();
            var latest = Assert.Single(versions);
            Assert.Equal("$LATEST", latest.GetProperty("Version").GetString());
            Assert.Equal(FunctionArn(name) + ":$LATEST", latest.GetProperty("FunctionArn").GetString());
        }

        AssertSucceeded(cli);
        BotocoreModel.AssertOutputShape("ListFunctions", cli.Json);
        var listed = cli.Json.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()!).ToList();
        Assert.Superset(names.ToHashSet(), listed.ToHashSet());
        Assert.All(names, name => Assert.Equal(FunctionArn(name),
            cli.Json.GetProperty("Functions").EnumerateArray().Single(f => f.GetProperty("FunctionName").GetString() == name).GetProperty("FunctionArn").GetString()));

        // The CLI turns MaxItems into its own paging: one function and a NextToken, which --starting-token follows.
        var first = Assert.Single(onePage.Json.GetProperty("Functions").EnumerateArray());
        AssertSucceeded(nextPage);
        var second = Assert.Single(nextPage.Json.GetProperty("Functions").EnumerateArray());
        Assert.NotEqual(first.GetProperty("FunctionName").GetString(), second.GetProperty("FunctionName").GetString());
        Assert.Equal(seen[0], first.GetProperty("FunctionName").GetString());
        Assert.Equal(seen[1], second.GetProperty("FunctionName").GetString());
    }

    [Fact]
    public async Task Deleting_functions_while_paging_through_the_list_skips_none_of_the_rest()
    {
        var prefix = UniqueName("lc-sweep");
        string[] names = [prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4"];
        using var zip = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("swept"));
        // The usual clean-up loop: list a page, delete what it shows, ask for the next page with the marker.
        // Lambda's marker is opaque, so deleting what was already seen cannot make the next page skip functions.
        var swept = await fixture.Boto3.RunAsync($$"""
            names = {{JsonSerializer.Serialize(names)}}
            code = open({{JsonSerializer.Serialize(zip.Path)}}, "rb").read()
            for name in names:
                client.create_function(FunctionName=name, Runtime="provided.al2023", Handler="function.handler",
                                       Role="{{Role}}", Code={"ZipFile": code})
            deleted, marker, pages = [], None, 0
            while pages < 1000:
                pages += 1
                page = client.list_functions(MaxItems=1, **({"Marker": marker} if marker else {}))
                for f in page["Functions"]:
                    if f["FunctionName"] in names:
                        client.delete_function(FunctionName=f["FunctionName"])
                        deleted.append(f["FunctionName"])
                marker = page.get("NextMarker")
                if not marker:
                    break
            left = [n for n in names if n not in deleted]
            for name in left:
                client.delete_function(FunctionName=name)
            show({"deleted": deleted, "left": left})
            """);

        Assert.True(swept.ExitCode == 0, swept.Error);
        Assert.Equal(names, swept.Json.GetProperty("deleted").EnumerateArray().Select(n => n.GetString()!));
        Assert.Empty(swept.Json.GetProperty("left").EnumerateArray());
    }
}

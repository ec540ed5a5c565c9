using Backend.Local.Gateway;
using Backend.Lambda.TestUtilities;
using Backend.Template;

namespace Backend.Local.Tests.Hostile;

/// <summary>
/// books.json against template.yaml without a server: every case parses, reaches the route it aims at, and expects
/// "Invalid request body" exactly when the Book model refuses its body (API Gateway's request validator, before the
/// function). The cases themselves run in <see cref="HostileInputTests"/> once BooksFunction is built.
/// </summary>
public sealed class BooksCorpusTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"));
    private static readonly RouteTable Routes = new(Template.Routes);
    private static readonly List<HostileCase> Books = HostileCorpus.All.Values.Where(c => c.File == "books.json").ToList();

    public static TheoryData<string> BodyCases =>
        [.. Books.Where(c => c.Method is "POST" or "PUT" && c.Invoke is null && c.Expect.Status is 400).Select(c => c.Id)];

    [Fact]
    public void Every_bookstore_route_has_ten_cases_and_the_function_five_direct_invocations()
    {
        foreach (var route in Template.Routes.Where(r => r.FunctionLogicalId == "BooksFunction"))
        {
            var cases = Books.Count(c => c.Path is { } path && Routes.Match(c.Method, path.Split('?')[0]) is { } match && match.Route == route);
            Assert.True(cases >= 10, $"{route.RouteKey}: {cases} cases");
        }
        Assert.True(Books.Count(c => c.Invoke == "BooksFunction") >= 5);
        Assert.Equal(5, Template.Routes.Count(r => r.FunctionLogicalId == "BooksFunction"));
    }

    [Theory]
    [MemberData(nameof(BodyCases))]
    public void The_Book_model_refuses_exactly_the_bodies_expected_to_be_invalid(string id)
    {
        var test = HostileCorpus.All[id];
        var match = Routes.Match(test.Method, test.Path!.Split('?')[0]);
        Assert.NotNull(match);
        var request = new GatewayRequest(test.Method, test.Path, "", test.Headers, test.Body ?? [], "127.0.0.1") { RequestId = "corpus" };

        var refused = RequestValidator.Check(match.Route, request);

        Assert.Equal(test.Expect.Message == "Invalid request body", refused is not null);
    }
}

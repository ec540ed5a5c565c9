using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using static Backend.Books.Tests.BooksHarness;

namespace Backend.Books.Tests;

/// <summary>GET /books: limits, the next token, the author filter, over a table of 250 books.</summary>
public sealed class BooksListTests : IAsyncLifetime
{
    private const int Count = 250;
    private BooksHarness _books = null!;
    private readonly Dictionary<string, string> _authors = [];

    /// <summary>250 books by 7 authors, written straight through the handler, 8 at a time.</summary>
    public async Task InitializeAsync()
    {
        _books = await NewTableAsync();
        foreach (var chunk in Enumerable.Range(0, Count).Chunk(8))
        {
            var created = await Task.WhenAll(chunk.Select(i => _books.PostAsync(NewBook($"Book {i}", $"Author {i % 7}"))));
            foreach (var response in created)
            {
                Assert.Equal(201, response.Status);
                _authors[response.Body!["id"]!.GetValue<string>()] = response.Body["author"]!.GetValue<string>();
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<BooksResponse> ListAsync(Dictionary<string, string>? query) => _books.SendAsync("GET", query: query);

    /// <summary>Follows next until it is absent; returns every id seen and the pages' sizes.</summary>
    private async Task<(List<string> Ids, List<int> Sizes)> WalkAsync(int limit, string? author = null)
    {
        var ids = new List<string>();
        var sizes = new List<int>();
        string? next = null;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (next is not null) query["next"] = next;
            if (author is not null) query["author"] = author;
            var page = await ListAsync(query);
            Assert.Equal(200, page.Status);
            var books = page.Body!["books"]!.AsArray();
            Assert.InRange(books.Count, 0, limit);
            ids.AddRange(books.Select(b => b!["id"]!.GetValue<string>()));
            sizes.Add(books.Count);
            next = page.Body["next"]?.GetValue<string>();
            Assert.True(sizes.Count < 100, "the walk does not end");
        }
        while (next is not null);
        return (ids, sizes);
    }

    [Fact]
    public async Task Walking_every_page_of_7_returns_each_book_exactly_once()
    {
        var (ids, sizes) = await WalkAsync(7);

        Assert.Equal(_authors.Keys.Order(), ids.Order());
        Assert.All(sizes.SkipLast(1), size => Assert.Equal(7, size));
        Assert.Equal(Count / 7 + 1, sizes.Count);
    }

    [Fact]
    public async Task Walking_with_an_author_filter_returns_each_of_their_books_exactly_once()
    {
        var (ids, sizes) = await WalkAsync(7, "Author 3");

        Assert.Equal(_authors.Where(a => a.Value == "Author 3").Select(a => a.Key).Order(), ids.Order());
        Assert.All(sizes.SkipLast(1), size => Assert.Equal(7, size));
    }

    [Fact]
    public async Task The_default_page_is_20_and_the_last_page_has_no_next()
    {
        var first = await ListAsync(null);
        var all = await ListAsync(new() { ["limit"] = "100", ["author"] = "Author 1" });
        var nobody = await ListAsync(new() { ["author"] = "Nobody" });

        Assert.Equal(20, first.Body!["books"]!.AsArray().Count);
        Assert.NotNull(first.Body["next"]);
        Assert.Equal(_authors.Count(a => a.Value == "Author 1"), all.Body!["books"]!.AsArray().Count);
        Assert.Null(all.Body["next"]);
        Assert.Empty(nobody.Body!["books"]!.AsArray());
        Assert.False(nobody.Body.AsObject().ContainsKey("next"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("7.0")]
    [InlineData("")]
    public async Task A_limit_outside_1_to_100_is_400(string limit)
    {
        var refused = await ListAsync(new() { ["limit"] = limit });

        Assert.Equal(400, refused.Status);
        Assert.Equal("limit must be an integer from 1 to 100", refused.Message);
    }

    public static TheoryData<string> ForgedTokens => new()
    {
        "not base64 at all!",
        "AAAA",
        Base64Url.EncodeToString("""{"id":"not-a-ulid"}"""u8),
        Base64Url.EncodeToString("""{"TableName":"x"}"""u8),
        Base64Url.EncodeToString("""{"id":"01ARZ3NDEKTSV4RRFFQ69G5FAV","TableName":"x"}"""u8),
        Base64Url.EncodeToString("""{"id":{"S":"01ARZ3NDEKTSV4RRFFQ69G5FAV"}}"""u8),
        Base64Url.EncodeToString("""["01ARZ3NDEKTSV4RRFFQ69G5FAV"]"""u8),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"id":"not-a-ulid"}""")),
        new string('A', 5000),
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_corrupt_or_forged_next_token_is_400(string token)
    {
        var refused = await ListAsync(new() { ["next"] = token });

        Assert.Equal(400, refused.Status);
        Assert.Equal("next is not a token this API gave", refused.Message);
    }
}

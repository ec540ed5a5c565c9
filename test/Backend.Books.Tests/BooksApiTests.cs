using System.Text.Json.Nodes;
using static Backend.Books.Tests.BooksHarness;

namespace Backend.Books.Tests;

/// <summary>Every route and status through the handler, against DynamoDB Local (one table for the class).</summary>
public sealed class BooksApiTests : IAsyncLifetime
{
    private BooksHarness _books = null!;

    public async Task InitializeAsync() => _books = await NewTableAsync(allowedOrigin: "https://books.example.com");

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string MissingId = Ulid.New(DateTimeOffset.UtcNow).Value;

    [Fact]
    public async Task Post_creates_a_book_with_a_ulid_location_etag_and_timestamps()
    {
        var sent = new JsonObject { ["title"] = "Dune", ["author"] = "Frank Herbert", ["isbn"] = "978-0-306-40615-7", ["year"] = 1965, ["price"] = 9.90m };

        var created = await _books.PostAsync(sent);

        Assert.Equal(201, created.Status);
        var book = created.Body!;
        var id = book["id"]!.GetValue<string>();
        Assert.True(Ulid.TryParse(id, out var ulid) && ulid.Value == id);
        Assert.Equal($"/prod/books/{id}", created.Header("Location"));
        Assert.Equal("\"1\"", created.Header("ETag"));
        Assert.Equal("https://books.example.com", created.Header("Access-Control-Allow-Origin"));
        Assert.Equal("9780306406157", book["isbn"]!.GetValue<string>());
        Assert.Equal("9.9", book["price"]!.ToJsonString());
        Assert.Equal(1965, book["year"]!.GetValue<int>());
        Assert.Equal(book["createdAt"]!.GetValue<string>(), book["updatedAt"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", book["createdAt"]!.GetValue<string>());
        Assert.Null(book["version"]);

        var read = await _books.SendAsync("GET", id);
        Assert.Equal(200, read.Status);
        Assert.Equal("\"1\"", read.Header("ETag"));
        Assert.True(JsonNode.DeepEquals(book, read.Body), read.Raw);
    }

    [Fact]
    public async Task Optional_fields_left_out_are_absent_and_prices_keep_their_digits()
    {
        var created = await _books.PostAsync(new JsonObject { ["title"] = "T", ["author"] = "A", ["price"] = 12345678901234567890.123456789m, ["isbn"] = null });
        var round = await _books.PostAsync(new JsonObject { ["title"] = "T", ["author"] = "A", ["price"] = 100m });
        var read = await _books.SendAsync("GET", created.Body!["id"]!.GetValue<string>());

        Assert.Equal("12345678901234567890.123456789", read.Body!["price"]!.ToJsonString());
        Assert.Equal("100", round.Body!["price"]!.ToJsonString());
        Assert.Null(read.Body["isbn"]);
        Assert.Null(read.Body["year"]);
        Assert.False(read.Body.AsObject().ContainsKey("isbn"));
    }

    [Fact]
    public async Task A_post_with_an_id_is_400()
    {
        var book = NewBook();
        book["id"] = Ulid.New(DateTimeOffset.UtcNow).Value;

        var refused = await _books.PostAsync(book);

        Assert.Equal(400, refused.Status);
        Assert.Contains("id is assigned by the server", refused.Message);
    }

    [Fact]
    public async Task Get_of_a_missing_book_is_404_and_a_non_ulid_is_400()
    {
        var missing = await _books.SendAsync("GET", MissingId);
        var notAnId = await _books.SendAsync("GET", "42");

        Assert.Equal(404, missing.Status);
        Assert.Equal($"book '{MissingId}' not found", missing.Message);
        Assert.Equal(400, notAnId.Status);
        Assert.Equal("'42' is not a book id (a ULID, 26 characters of Crockford base32)", notAnId.Message);
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_or_star_is_304_without_a_body()
    {
        var id = (await _books.PostAsync(NewBook())).Body!["id"]!.GetValue<string>();

        var current = await _books.SendAsync("GET", id, headers: new Dictionary<string, string> { ["if-none-match"] = "\"1\"" });
        var star = await _books.SendAsync("GET", id, headers: new Dictionary<string, string> { ["If-None-Match"] = "*" });
        var stale = await _books.SendAsync("GET", id, headers: new Dictionary<string, string> { ["If-None-Match"] = "\"7\"" });

        Assert.Equal(304, current.Status);
        Assert.Equal("\"1\"", current.Header("ETag"));
        Assert.Equal(304, star.Status);
        Assert.Equal(200, stale.Status);
    }

    [Fact]
    public async Task Put_creates_201_then_replaces_200_removing_absent_fields_and_keeping_createdAt()
    {
        var id = Ulid.New(DateTimeOffset.UtcNow).Value.ToLowerInvariant();
        var full = new JsonObject { ["title"] = "Emma", ["author"] = "Jane Austen", ["year"] = 1815, ["isbn"] = "0-306-40615-2" };

        var created = await _books.PutAsync(id, full);
        var replaced = await _books.PutAsync(id, new JsonObject { ["id"] = id.ToUpperInvariant(), ["title"] = "Emma.", ["author"] = "Jane Austen" });
        var read = await _books.SendAsync("GET", id);

        Assert.Equal(201, created.Status);
        Assert.Equal($"/prod/books/{id.ToUpperInvariant()}", created.Header("Location"));
        Assert.Equal("\"1\"", created.Header("ETag"));
        Assert.Equal(200, replaced.Status);
        Assert.Equal("\"2\"", replaced.Header("ETag"));
        Assert.Null(replaced.Header("Location"));
        Assert.Equal(id.ToUpperInvariant(), read.Body!["id"]!.GetValue<string>());
        Assert.Equal("Emma.", read.Body["title"]!.GetValue<string>());
        Assert.Null(read.Body["year"]);
        Assert.Null(read.Body["isbn"]);
        Assert.Equal(created.Body!["createdAt"]!.GetValue<string>(), read.Body["createdAt"]!.GetValue<string>());
        Assert.Equal("\"2\"", read.Header("ETag"));
    }

    [Fact]
    public async Task Put_honours_if_match()
    {
        var id = (await _books.PostAsync(NewBook())).Body!["id"]!.GetValue<string>();

        var stale = await _books.PutAsync(id, NewBook("stale"), ifMatch: "\"5\"");
        var weak = await _books.PutAsync(id, NewBook("weak"), ifMatch: "W/\"1\"");
        var current = await _books.PutAsync(id, NewBook("current"), ifMatch: "\"1\"");
        var listed = await _books.PutAsync(id, NewBook("listed"), ifMatch: "\"9\", \"2\"");
        var star = await _books.PutAsync(id, NewBook("star"), ifMatch: "*");
        var missingStar = await _books.PutAsync(MissingId, NewBook(), ifMatch: "*");
        var missingTag = await _books.PutAsync(MissingId, NewBook(), ifMatch: "\"1\"");
        var read = await _books.SendAsync("GET", id);

        Assert.Equal(412, stale.Status);
        Assert.Contains("\"1\"", stale.Message);
        Assert.Equal(412, weak.Status);
        Assert.Equal(200, current.Status);
        Assert.Equal(200, listed.Status);
        Assert.Equal(200, star.Status);
        Assert.Equal(412, missingStar.Status);
        Assert.Equal(412, missingTag.Status);
        Assert.Equal(404, (await _books.SendAsync("GET", MissingId)).Status);
        Assert.Equal("star", read.Body!["title"]!.GetValue<string>());
        Assert.Equal("\"4\"", read.Header("ETag"));
    }

    [Fact]
    public async Task A_put_whose_body_id_disagrees_with_the_path_is_400_and_writes_nothing()
    {
        var id = Ulid.New(DateTimeOffset.UtcNow).Value;
        var book = NewBook();
        book["id"] = MissingId;

        var refused = await _books.PutAsync(id, book);

        Assert.Equal(400, refused.Status);
        Assert.Contains("is not the path's", refused.Message);
        Assert.Equal(404, (await _books.SendAsync("GET", id)).Status);
    }

    [Fact]
    public async Task Delete_is_204_then_404_and_honours_if_match()
    {
        var id = (await _books.PostAsync(NewBook())).Body!["id"]!.GetValue<string>();

        var stale = await _books.SendAsync("DELETE", id, headers: new Dictionary<string, string> { ["If-Match"] = "\"2\"" });
        var stillThere = await _books.SendAsync("GET", id);
        var deleted = await _books.SendAsync("DELETE", id, headers: new Dictionary<string, string> { ["If-Match"] = "\"1\"" });
        var again = await _books.SendAsync("DELETE", id);
        var againWithTag = await _books.SendAsync("DELETE", id, headers: new Dictionary<string, string> { ["If-Match"] = "\"1\"" });
        var gone = await _books.SendAsync("GET", id);

        Assert.Equal(412, stale.Status);
        Assert.Equal(200, stillThere.Status);
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, again.Status);
        Assert.Equal(404, againWithTag.Status);
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task Other_methods_are_405_with_allow()
    {
        var onCollection = await _books.SendAsync("PATCH");
        var onBook = await _books.SendAsync("PATCH", MissingId);
        var deleteCollection = await _books.SendAsync("DELETE");
        var postBook = await _books.SendAsync("POST", MissingId, NewBook().ToJsonString());

        Assert.Equal(405, onCollection.Status);
        Assert.Equal("GET, POST", onCollection.Header("Allow"));
        Assert.Equal(405, onBook.Status);
        Assert.Equal("GET, PUT, DELETE", onBook.Header("Allow"));
        Assert.Equal("GET, POST", deleteCollection.Header("Allow"));
        Assert.Equal("GET, PUT, DELETE", postBook.Header("Allow"));
        Assert.Contains("PATCH is not allowed", onCollection.Message);
    }

    [Theory]
    [InlineData("", "the body must be a JSON object with title and author")]
    [InlineData("{", "the body is not valid JSON")]
    [InlineData("[]", "the body must be a JSON object with title and author, not an array")]
    [InlineData("\"book\"", "not a string")]
    [InlineData("""{"author":"A"}""", "title is required")]
    [InlineData("""{"title":"T"}""", "author is required")]
    [InlineData("""{"title":"","author":"A"}""", "title must be a string of 1 to 500")]
    [InlineData("""{"title":"   ","author":"A"}""", "title must be a string")]
    [InlineData("""{"title":5,"author":"A"}""", "title must be a string")]
    [InlineData("""{"title":"T","author":["A"]}""", "author must be a string")]
    [InlineData("""{"title":"T","author":"A","isbn":"0-306-40615-3"}""", "isbn must be an ISBN-10 or ISBN-13")]
    [InlineData("""{"title":"T","author":"A","isbn":9780306406157}""", "isbn must be")]
    [InlineData("""{"title":"T","author":"A","year":1.5}""", "year must be an integer from -5000 to 9999")]
    [InlineData("""{"title":"T","author":"A","year":10000}""", "year must be an integer")]
    [InlineData("""{"title":"T","author":"A","year":"1965"}""", "year must be an integer")]
    [InlineData("""{"title":"T","author":"A","price":-0.01}""", "price must be a number, 0 or more")]
    [InlineData("""{"title":"T","author":"A","price":"9.90"}""", "price must be a number")]
    [InlineData("""{"title":"T","author":"A","price":1e40}""", "price must be a number")]
    [InlineData("""{"title":"T","author":"A","pages":100}""", "unknown field 'pages'")]
    [InlineData("""{"title":"T","author":"A","title":"U"}""", "title appears more than once")]
    [InlineData("""{"title":"\ud800","author":"A"}""", "not valid Unicode")]
    public async Task Bad_bodies_are_400_naming_the_problem(string body, string expected)
    {
        var posted = await _books.SendAsync("POST", body: body);
        var put = await _books.SendAsync("PUT", MissingId, body);

        Assert.Equal(400, posted.Status);
        Assert.Contains(expected, posted.Message);
        Assert.Equal(400, put.Status);
        Assert.Contains(expected, put.Message);
    }

    [Fact]
    public async Task Text_of_500_characters_is_a_book_and_of_501_is_not()
    {
        var longest = await _books.PostAsync(NewBook(new string('t', 500), new string('a', 500)));
        var tooLong = await _books.PostAsync(NewBook(new string('t', 501)));

        Assert.Equal(201, longest.Status);
        Assert.Equal(400, tooLong.Status);
    }

    [Fact]
    public async Task A_body_over_16_KB_is_400()
    {
        var body = """{"title":"T","author":"A"}""".Replace("{", "{" + new string(' ', 16 * 1024), StringComparison.Ordinal);

        var refused = await _books.SendAsync("POST", body: body);

        Assert.Equal(400, refused.Status);
        Assert.Equal("the body is over 16 KB (16384 bytes)", refused.Message);
    }

    [Fact]
    public async Task Created_and_updated_at_in_a_body_are_ignored_so_a_read_book_can_be_put_back()
    {
        var created = await _books.PostAsync(NewBook());
        var id = created.Body!["id"]!.GetValue<string>();
        var sentBack = created.Body!.DeepClone().AsObject();
        sentBack["createdAt"] = "1999-01-01T00:00:00.000Z";

        var replaced = await _books.PutAsync(id, sentBack, ifMatch: created.Header("ETag"));

        Assert.Equal(200, replaced.Status);
        Assert.Equal(created.Body["createdAt"]!.GetValue<string>(), replaced.Body!["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_direct_invocation_is_refused_with_a_clear_error()
    {
        var refused = await Assert.ThrowsAsync<BooksException>(() =>
            _books.Function.HandleAsync(new MemoryStream("""{"title":"T","author":"A"}"""u8.ToArray()), _books.Context));

        Assert.Contains("not direct invocations", refused.Message);
    }
}

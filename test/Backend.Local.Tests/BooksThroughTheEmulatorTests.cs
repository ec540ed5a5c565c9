using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Backend.Local.Tests;

/// <summary>
/// The bookstore's REST resource API end to end: API Gateway (the template's routes, Book model and CORS) in front
/// of the real function process, on DynamoDB Local's BooksTable.
/// </summary>
/// <remarks>Runs against the managed build (<see cref="BooksThroughTheEmulatorTestsManaged"/>) and the Native AOT one (<see cref="BooksThroughTheEmulatorTestsNative"/>).</remarks>
public abstract class BooksThroughTheEmulatorTests(ServerFixture fixture)
{
    private HttpClient Api => fixture.Api;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(string Id, string ETag, JsonElement Book)> CreateAsync(string title, string author = "Ursula K. Le Guin")
    {
        using var response = await Api.PostAsync("/prod/books", Json($$"""{"title":"{{title}}","author":"{{author}}","isbn":"978-0-306-40615-7","year":1969,"price":12.50}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var book = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (book.GetProperty("id").GetString()!, response.Headers.ETag!.Tag, book);
    }

    [Fact]
    public async Task Post_creates_a_book_with_its_Location_and_ETag_and_get_returns_it()
    {
        var (id, etag, book) = await CreateAsync("The Left Hand of Darkness");

        Assert.Equal(26, id.Length);
        Assert.Equal(12.50m, book.GetProperty("price").GetDecimal());
        using var get = await Api.GetAsync($"/prod/books/{id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(etag, get.Headers.ETag!.Tag);
        var read = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("The Left Hand of Darkness", read.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_answers_201_with_a_Location_under_the_stage()
    {
        using var response = await Api.PostAsync("/prod/books", Json("""{"title":"Dune","author":"Frank Herbert"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        Assert.EndsWith($"/prod/books/{id}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task If_None_Match_with_the_current_ETag_is_304()
    {
        var (id, etag, _) = await CreateAsync("A Wizard of Earthsea");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/prod/books/{id}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));

        using var response = await Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_put_with_a_stale_ETag_is_412_and_writes_nothing()
    {
        var (id, etag, _) = await CreateAsync("The Dispossessed");
        using var first = new HttpRequestMessage(HttpMethod.Put, $"/prod/books/{id}") { Content = Json("""{"title":"The Dispossessed (2nd)","author":"Ursula K. Le Guin"}""") };
        first.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var replaced = await Api.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/prod/books/{id}") { Content = Json("""{"title":"Lost update","author":"Nobody"}""") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var refused = await Api.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        var now = JsonDocument.Parse(await Api.GetStringAsync($"/prod/books/{id}")).RootElement;
        Assert.Equal("The Dispossessed (2nd)", now.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Two_racing_puts_with_the_same_If_Match_one_wins_one_gets_412()
    {
        var (id, etag, _) = await CreateAsync("The Lathe of Heaven");
        async Task<HttpStatusCode> PutAsync(string title)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/prod/books/{id}") { Content = Json($$"""{"title":"{{title}}","author":"Ursula K. Le Guin"}""") };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
            using var response = await Api.SendAsync(request);
            return response.StatusCode;
        }

        var statuses = await Task.WhenAll(PutAsync("racer A"), PutAsync("racer B"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses.Order());
        var title = JsonDocument.Parse(await Api.GetStringAsync($"/prod/books/{id}")).RootElement.GetProperty("title").GetString();
        Assert.Contains(title, new[] { "racer A", "racer B" });
    }

    [Fact]
    public async Task Put_on_a_new_id_creates_201_and_delete_is_204_then_404()
    {
        // A ULID of this test's own (Crockford base32; a first character of 0-7 keeps it within 128 bits).
        var id = "01JD" + string.Concat(Enumerable.Range(0, 22).Select(_ => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[Random.Shared.Next(32)]));
        using var created = await Api.PutAsync($"/prod/books/{id}", Json("""{"title":"Always Coming Home","author":"Ursula K. Le Guin"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var deleted = await Api.DeleteAsync($"/prod/books/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var missing = await Api.GetAsync($"/prod/books/{id}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal($"book '{id}' not found", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        using var again = await Api.DeleteAsync($"/prod/books/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Walking_every_page_returns_every_book_of_an_author_exactly_once()
    {
        // An author of this test's own: the shared table holds other tests' books too.
        var author = "Author " + Guid.NewGuid().ToString("N")[..8];
        var created = new HashSet<string>();
        for (var i = 0; i < 250; i++) created.Add((await CreateAsync($"Book {i}", author)).Id);

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var url = $"/prod/books?limit=7&author={Uri.EscapeDataString(author)}" + (next is null ? "" : $"&next={Uri.EscapeDataString(next)}");
            var page = JsonDocument.Parse(await Api.GetStringAsync(url)).RootElement;
            var books = page.GetProperty("books").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList();
            Assert.InRange(books.Count, 0, 7);
            seen.AddRange(books);
            next = page.TryGetProperty("next", out var token) ? token.GetString() : null;
            Assert.True(++pages < 200, "paging does not end");
        }
        while (next is not null);

        Assert.Equal(created.Count, seen.Count);
        Assert.True(created.SetEquals(seen));
    }

    [Theory]
    [InlineData("not-base64!!")]
    [InlineData("eyJUYWJsZU5hbWUiOiJsYW1iZGEtYXBpZ2F0ZXdheSJ9")] // {"TableName":"lambda-apigateway"}
    public async Task A_corrupt_or_forged_next_token_is_400(string token)
    {
        using var response = await Api.GetAsync($"/prod/books?next={token}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("next", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_body_the_Book_model_refuses_never_reaches_the_function()
    {
        using var response = await Api.PostAsync("/prod/books", Json("""{"title":"x","author":"y","color":"red"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid request body", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_browser_preflight_is_answered_and_the_answers_carry_the_allowed_origin()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/prod/books");
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await Api.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Contains("If-Match", answer.Headers.GetValues("Access-Control-Allow-Headers").Single());

        var (id, _, _) = await CreateAsync("The Word for World Is Forest");
        using var get = await Api.GetAsync($"/prod/books/{id}");
        Assert.Equal("*", get.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task An_event_file_invoked_directly_through_the_Lambda_API_runs_without_the_gateway_and_its_model()
    {
        // What `sam local invoke BooksFunction -e events/books-create.json` and `aws lambda invoke` do: the proxy event
        // goes straight to the function, so the function's own validation is all there is.
        var payload = Backend.Lambda.TestUtilities.RepositoryFiles.ReadEvent("books-create.json");
        using var created = await fixture.Lambda.PostAsync("/2015-03-31/functions/BooksFunction/invocations", Json(payload));
        var answer = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(201, answer.GetProperty("statusCode").GetInt32());

        // The body is a JSON string inside the event: its quotes are escaped.
        var invalid = payload.Replace("\\\"title\\\"", "\\\"color\\\": \\\"red\\\", \\\"title\\\"", StringComparison.Ordinal);
        Assert.NotEqual(payload, invalid);
        using var refused = await fixture.Lambda.PostAsync("/2015-03-31/functions/BooksFunction/invocations", Json(invalid));
        var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, refusal.GetProperty("statusCode").GetInt32());
        Assert.Contains("color", refusal.GetProperty("body").GetString());
    }
}

[Collection("repository server")]
public sealed class BooksThroughTheEmulatorTestsManaged(RepositoryServerFixture fixture) : BooksThroughTheEmulatorTests(fixture);

[Collection("native server")]
public sealed class BooksThroughTheEmulatorTestsNative(NativeServerFixture fixture) : BooksThroughTheEmulatorTests(fixture);

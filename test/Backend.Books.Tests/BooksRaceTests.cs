using System.Text.Json.Nodes;
using static Backend.Books.Tests.BooksHarness;

namespace Backend.Books.Tests;

/// <summary>Two clients holding the same ETag write at once: DynamoDB's condition lets exactly one win.</summary>
public sealed class BooksRaceTests
{
    [Fact]
    public async Task Two_puts_with_the_same_if_match_one_wins_and_one_gets_412()
    {
        var books = await NewTableAsync();
        for (var round = 0; round < 10; round++)
        {
            var created = await books.PostAsync(NewBook());
            var id = created.Body!["id"]!.GetValue<string>();
            var etag = created.Header("ETag")!;
            JsonObject first = NewBook("first " + round), second = NewBook("second " + round);

            var answers = await Task.WhenAll(
                Task.Run(() => books.PutAsync(id, first, etag)),
                Task.Run(() => books.PutAsync(id, second, etag)));
            var final = await books.SendAsync("GET", id);

            Assert.Equal([200, 412], answers.Select(a => a.Status).Order());
            var winner = answers.Single(a => a.Status == 200);
            Assert.Equal("\"2\"", final.Header("ETag"));
            Assert.Equal(winner.Body!["title"]!.GetValue<string>(), final.Body!["title"]!.GetValue<string>());
            Assert.Contains(final.Body["title"]!.GetValue<string>(), new[] { "first " + round, "second " + round });
        }
    }

    [Fact]
    public async Task Puts_without_if_match_never_lose_a_version()
    {
        var books = await NewTableAsync();
        var id = Ulid.New(DateTimeOffset.UtcNow).Value;

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => books.PutAsync(id, NewBook($"t{i}")))));
        var final = await books.SendAsync("GET", id);

        Assert.Single(answers, a => a.Status == 201);
        Assert.Equal(9, answers.Count(a => a.Status == 200));
        Assert.Equal("\"10\"", final.Header("ETag"));
    }
}

using Backend.Lambda.TestUtilities;

namespace Backend.Books.Tests;

/// <summary>Every events/books-*.json through the handler, in an order that makes each meaningful.</summary>
public sealed class BooksEventFilesTests
{
    /// <summary>Each file and its status, in the order they run on an empty table.</summary>
    private static readonly (string File, int Status)[] Expected =
    [
        ("books-put.json", 201),
        ("books-get.json", 200),
        ("books-put-if-match.json", 200),
        ("books-create.json", 201),
        ("books-list.json", 200),
        ("books-list-by-author.json", 200),
        ("books-delete.json", 204),
    ];

    [Fact]
    public void Every_books_event_file_has_an_expected_answer()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("events"), "books-*.json").Select(Path.GetFileName).Order();

        Assert.Equal(Expected.Select(e => e.File).Order(), files);
    }

    [Fact]
    public async Task The_event_files_give_their_documented_answers()
    {
        var books = await BooksHarness.NewTableAsync();
        var answers = new Dictionary<string, BooksResponse>();

        foreach (var (file, status) in Expected)
        {
            answers[file] = await books.SendEventAsync(RepositoryFiles.ReadEvent(file));
            Assert.True(status == answers[file].Status, $"{file}: {answers[file].Status} {answers[file].Raw}");
        }

        Assert.Equal("/prod/books/01JH8ZQ4R3T5V7W9X1Y2Z3A4B5", answers["books-put.json"].Header("Location"));
        Assert.Equal("\"2\"", answers["books-put-if-match.json"].Header("ETag"));
        Assert.Equal("79.99", answers["books-put-if-match.json"].Body!["price"]!.ToJsonString());
        Assert.Equal(2, answers["books-list.json"].Body!["books"]!.AsArray().Count);
        Assert.Equal("Harold Abelson", answers["books-list-by-author.json"].Body!["books"]![0]!["author"]!.GetValue<string>());
        Assert.StartsWith("/prod/books/", answers["books-create.json"].Header("Location"));
    }
}

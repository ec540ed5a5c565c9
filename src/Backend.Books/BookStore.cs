using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using A = Backend.Books.Book.Attributes;

namespace Backend.Books;

/// <summary>
/// The books table (key <c>id</c>, a ULID). Every write is conditional where a client's precondition or a
/// concurrent writer could be lost: DynamoDB checks the condition and writes in one step, so two racing clients
/// can never both win.
/// </summary>
internal sealed class BookStore(IAmazonDynamoDB dynamoDb, string tableName)
{
    private static readonly AttributeValue One = new() { N = "1" }, Zero = new() { N = "0" };

    public async Task<Book> CreateAsync(BookInput input, DateTimeOffset now)
    {
        // A new ULID colliding with an existing id would take ~2^80 tries; the condition makes even that harmless.
        for (var attempt = 0; ; attempt++)
        {
            var book = new Book(Ulid.New(now).Value, input.Title, input.Author, input.Isbn, input.Year, input.Price, Book.Timestamp(now), Book.Timestamp(now), 1);
            try
            {
                await dynamoDb.PutItemAsync(new PutItemRequest
                {
                    TableName = tableName,
                    Item = ToItem(book),
                    ConditionExpression = "attribute_not_exists(#id)",
                    ExpressionAttributeNames = new() { ["#id"] = A.Id },
                });
                return book;
            }
            catch (ConditionalCheckFailedException) when (attempt < 2)
            {
            }
        }
    }

    public async Task<Book?> GetAsync(string id)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(id), ConsistentRead = true });
        return response.Item is { Count: > 0 } item ? Book.FromItem(item) : null;
    }

    /// <summary>
    /// Full replacement in one UpdateItem: optional fields not given are removed, createdAt is kept, and the version
    /// is incremented from whatever is stored (so a PUT without If-Match never loses a concurrent writer's count).
    /// </summary>
    /// <returns>The book as written, and whether this PUT created it (its version is 1).</returns>
    public async Task<(Book Book, bool Created)> PutAsync(string id, BookInput input, IfMatch? ifMatch, DateTimeOffset now)
    {
        var names = new Dictionary<string, string>
        {
            ["#title"] = A.Title, ["#author"] = A.Author, ["#isbn"] = A.Isbn, ["#year"] = A.Year, ["#price"] = A.Price,
            ["#createdAt"] = A.CreatedAt, ["#updatedAt"] = A.UpdatedAt, ["#version"] = A.Version,
        };
        var values = new Dictionary<string, AttributeValue>
        {
            [":title"] = new() { S = input.Title }, [":author"] = new() { S = input.Author },
            [":now"] = new() { S = Book.Timestamp(now) }, [":zero"] = Zero, [":one"] = One,
        };
        var set = new List<string>
        {
            "#title = :title", "#author = :author", "#updatedAt = :now",
            "#createdAt = if_not_exists(#createdAt, :now)", "#version = if_not_exists(#version, :zero) + :one",
        };
        var remove = new List<string>();
        void Optional(string name, AttributeValue? value)
        {
            if (value is null) remove.Add("#" + name);
            else
            {
                set.Add($"#{name} = :{name}");
                values[":" + name] = value;
            }
        }
        Optional(A.Isbn, input.Isbn is { } isbn ? new() { S = isbn } : null);
        Optional(A.Year, input.Year is { } year ? new() { N = year.ToString(CultureInfo.InvariantCulture) } : null);
        Optional(A.Price, input.Price is { } price ? new() { N = price.ToString(CultureInfo.InvariantCulture) } : null);

        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(id),
            UpdateExpression = "SET " + string.Join(", ", set) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : ""),
            ConditionExpression = Condition(ifMatch, names, values),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            var book = Book.FromItem((await dynamoDb.UpdateItemAsync(request)).Attributes);
            return (book, book.Version == 1);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw Stale(id, e);
        }
    }

    /// <summary>Deletes the book; 404 when there is none, 412 when If-Match does not hold.</summary>
    public async Task DeleteAsync(string id, IfMatch? ifMatch)
    {
        var names = new Dictionary<string, string> { ["#id"] = A.Id };
        var values = new Dictionary<string, AttributeValue>();
        var condition = "attribute_exists(#id)" + (Condition(ifMatch, names, values) is { } versions ? " AND " + versions : "");
        try
        {
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = Key(id),
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values.Count > 0 ? values : null,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            });
        }
        catch (ConditionalCheckFailedException e)
        {
            throw e.Item is { Count: > 0 } ? Stale(id, e) : BooksException.NotFound(id);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> books in the table's scan order, after the book <paramref name="after"/>.
    /// Scans until enough books are collected or the table ends; a scan page with more books than needed is cut,
    /// and the next page starts after the last book returned, so walking the pages returns every book once.
    /// </summary>
    /// <returns>The books, and the id to continue after (null on the last page).</returns>
    public async Task<(List<Book> Books, string? ContinueAfter)> ListAsync(int limit, string? after, string? author)
    {
        var books = new List<Book>(limit);
        var start = after is null ? null : Key(after);
        while (true)
        {
            var request = new ScanRequest
            {
                TableName = tableName,
                ExclusiveStartKey = start,
                ConsistentRead = true,
                // Unfiltered, a page of exactly what is missing; filtered, Limit counts items read, not matched.
                Limit = author is null ? limit - books.Count : 100,
            };
            if (author is not null)
            {
                request.FilterExpression = "#author = :author";
                request.ExpressionAttributeNames = new() { ["#author"] = A.Author };
                request.ExpressionAttributeValues = new() { [":author"] = new() { S = author } };
            }
            var page = await dynamoDb.ScanAsync(request);
            var items = page.Items ?? [];
            var more = page.LastEvaluatedKey is { Count: > 0 };
            for (var i = 0; i < items.Count; i++)
            {
                books.Add(Book.FromItem(items[i]));
                if (books.Count == limit) return (books, more || i < items.Count - 1 ? books[^1].Id : null);
            }
            if (!more) return (books, null);
            start = page.LastEvaluatedKey;
        }
    }

    /// <summary>If-Match as a condition on the stored version; null when there is none to check.</summary>
    private static string? Condition(IfMatch? ifMatch, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        if (ifMatch is null) return null;
        if (ifMatch.Any)
        {
            names["#id"] = A.Id;
            return "attribute_exists(#id)";
        }
        names["#version"] = A.Version;
        // Versions start at 1: a list naming none of ours still needs a condition, and 0 never holds.
        IReadOnlyList<long> versions = ifMatch.Versions.Count > 0 ? ifMatch.Versions : [0];
        var placeholders = versions.Select((v, i) =>
        {
            values[$":m{i}"] = new AttributeValue { N = v.ToString(CultureInfo.InvariantCulture) };
            return $":m{i}";
        }).ToList();
        return $"#version IN ({string.Join(", ", placeholders)})";
    }

    private static BooksException Stale(string id, ConditionalCheckFailedException e) => e.Item is { Count: > 0 } old
        ? BooksException.PreconditionFailed($"book '{id}' has changed: its ETag is {EntityTags.Of(Book.FromItem(old).Version)}, not one If-Match names")
        : BooksException.PreconditionFailed($"book '{id}' does not exist, so If-Match cannot hold");

    private static Dictionary<string, AttributeValue> Key(string id) => new() { [A.Id] = new AttributeValue { S = id } };

    private static Dictionary<string, AttributeValue> ToItem(Book book)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [A.Id] = new() { S = book.Id },
            [A.Title] = new() { S = book.Title },
            [A.Author] = new() { S = book.Author },
            [A.CreatedAt] = new() { S = book.CreatedAt },
            [A.UpdatedAt] = new() { S = book.UpdatedAt },
            [A.Version] = new() { N = book.Version.ToString(CultureInfo.InvariantCulture) },
        };
        if (book.Isbn is { } isbn) item[A.Isbn] = new() { S = isbn };
        if (book.Year is { } year) item[A.Year] = new() { N = year.ToString(CultureInfo.InvariantCulture) };
        if (book.Price is { } price) item[A.Price] = new() { N = price.ToString(CultureInfo.InvariantCulture) };
        return item;
    }
}

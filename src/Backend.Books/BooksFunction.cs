using System.Globalization;
using Amazon.DynamoDBv2;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Core;
using Backend.Lambda.Serialization;

namespace Backend.Books;

/// <summary>
/// The bookstore's REST resource API, called by a REST API with proxy events (payload 1.0). It does not restate
/// the template's routes: it dispatches on the HTTP method and on whether the event has an <c>id</c> path parameter
/// (the collection, /books, or one book, /books/{id}).
/// </summary>
/// <remarks>
/// Direct invocations are refused: this API's contract is HTTP (status codes, ETag and If-Match, Location), which a
/// direct invocation's result or function error cannot carry; the DynamoDB manager function is the direct-invoke way
/// to a table.
/// </remarks>
public sealed class BooksFunction
{
    private const string CollectionMethods = "GET, POST", BookMethods = "GET, PUT, DELETE";

    private readonly BookStore _store;
    private readonly BookResponses _responses;
    private readonly TimeProvider _time;

    /// <param name="dynamoDb">Created once per process and shared by every invocation.</param>
    /// <param name="tableName">The books table (TABLE_NAME).</param>
    /// <param name="allowedOrigin">Access-Control-Allow-Origin of every response (ALLOWED_ORIGIN).</param>
    public BooksFunction(IAmazonDynamoDB dynamoDb, string tableName, string allowedOrigin = "*", TimeProvider? time = null)
    {
        _store = new BookStore(dynamoDb, tableName);
        _responses = new BookResponses(allowedOrigin);
        _time = time ?? TimeProvider.System;
    }

    public async Task<Stream> HandleAsync(Stream input, ILambdaContext context)
    {
        using var evt = RestOrDirectEvent.Parse(input) ?? throw BooksException.BadRequest("the event is not valid JSON");
        if (evt.ProxyRequest is not { } request)
            throw BooksException.BadRequest("this function answers REST API proxy events (GET, POST /books; GET, PUT, DELETE /books/{id}), not direct invocations");
        return RestOrDirectEvent.Answer(await HandleApiRequestAsync(request, context));
    }

    /// <summary>The answer to one request; an error is <c>{"message"}</c> with its status, never a stack trace.</summary>
    public async Task<APIGatewayProxyResponse> HandleApiRequestAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        try
        {
            return await DispatchAsync(request);
        }
        catch (Exception e)
        {
            if (StoreErrors.Map(e) is not { } error)
            {
                context.Logger.LogError($"Unexpected failure: {e}");
                return _responses.Message(500, "Internal error; the function's log has the details");
            }
            var line = $"{error.StatusCode} {request.HttpMethod} {request.Path}: {error.Message}";
            if (error.StatusCode >= 500) context.Logger.LogError($"{line} ({e.GetType().Name}: {e.Message})");
            else context.Logger.LogWarning(line);
            return _responses.Message(error.StatusCode, error.Message, error.Headers);
        }
    }

    private Task<APIGatewayProxyResponse> DispatchAsync(APIGatewayProxyRequest request) =>
        (request.HttpMethod, request.PathParameters.Find("id")) switch
        {
            ("GET", null) => ListAsync(request),
            ("POST", null) => CreateAsync(request),
            (var method, null) => throw BooksException.MethodNotAllowed(method, CollectionMethods),
            ("GET", var id) => GetAsync(request, BookId(id)),
            ("PUT", var id) => PutAsync(request, BookId(id)),
            ("DELETE", var id) => DeleteAsync(request, BookId(id)),
            (var method, _) => throw BooksException.MethodNotAllowed(method, BookMethods),
        };

    private async Task<APIGatewayProxyResponse> CreateAsync(APIGatewayProxyRequest request)
    {
        var input = BookInput.Read(request);
        if (input.Id is not null) throw BooksException.BadRequest("id is assigned by the server: leave it out of a POST, or PUT /books/{id}");
        var book = await _store.CreateAsync(input, _time.GetUtcNow());
        return _responses.Book(201, book, new() { ["Location"] = BookLocation(request, book.Id) });
    }

    private async Task<APIGatewayProxyResponse> GetAsync(APIGatewayProxyRequest request, string id)
    {
        var book = await _store.GetAsync(id) ?? throw BooksException.NotFound(id);
        return EntityTags.NoneMatchHolds(Header(request, "If-None-Match"), book.Version)
            ? _responses.NoBody(304, new() { ["ETag"] = EntityTags.Of(book.Version) })
            : _responses.Book(200, book);
    }

    private async Task<APIGatewayProxyResponse> PutAsync(APIGatewayProxyRequest request, string id)
    {
        var input = BookInput.Read(request);
        if (input.Id is not null && input.Id != id) throw BooksException.BadRequest($"the body's id '{input.Id}' is not the path's '{id}'");
        var ifMatch = EntityTags.ReadIfMatch(Header(request, "If-Match"));
        var (book, created) = await _store.PutAsync(id, input, ifMatch, _time.GetUtcNow());
        return created
            ? _responses.Book(201, book, new() { ["Location"] = BookLocation(request, book.Id) })
            : _responses.Book(200, book);
    }

    private async Task<APIGatewayProxyResponse> DeleteAsync(APIGatewayProxyRequest request, string id)
    {
        await _store.DeleteAsync(id, EntityTags.ReadIfMatch(Header(request, "If-Match")));
        return _responses.NoBody(204);
    }

    private async Task<APIGatewayProxyResponse> ListAsync(APIGatewayProxyRequest request)
    {
        var query = request.QueryStringParameters;
        var limit = 20;
        if (query.Find("limit") is { } limitText
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 100))
            throw BooksException.BadRequest("limit must be an integer from 1 to 100");
        var after = query.Find("next") is { } token ? PageToken.Decode(token).Value : null;
        var author = query.Find("author");
        if (author is { Length: 0 or > BookInput.MaxTextLength }) throw BooksException.BadRequest($"author must be 1 to {BookInput.MaxTextLength} characters");

        var (books, continueAfter) = await _store.ListAsync(limit, after, author);
        return _responses.Json(200, JsonBytes.WriteString(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("books");
            foreach (var book in books) book.WriteJson(w);
            w.WriteEndArray();
            // Every id this API writes is a ULID; an item another client wrote under another id ends the walk here.
            if (continueAfter is not null && Ulid.TryParse(continueAfter, out var last)) w.WriteString("next", PageToken.Encode(last));
            w.WriteEndObject();
        }, capacity: 256 + 300 * books.Count));
    }

    /// <summary>The path's id as its canonical ULID; anything else is not a book id.</summary>
    private static string BookId(string id) => Ulid.TryParse(id, out var ulid)
        ? ulid.Value
        : throw BooksException.BadRequest($"'{id}' is not a book id (a ULID, {Ulid.Length} characters of Crockford base32)");

    /// <summary>
    /// Where the book is, as the client addressed the API: requestContext.path is the path with its stage
    /// (/prod/books), where the event's own path (/books) has none. A POST's path is the collection; a PUT's ends
    /// with the id as the client wrote it, which is replaced by the canonical one.
    /// </summary>
    private static string BookLocation(APIGatewayProxyRequest request, string id)
    {
        var path = (request.RequestContext?.Path ?? request.Path ?? "/books").TrimEnd('/');
        if (request.PathParameters.Find("id") is not null) path = path[..Math.Max(0, path.LastIndexOf('/'))];
        return $"{path}/{id}";
    }

    /// <summary>Header names are case-insensitive; a REST API passes them as the client wrote them.</summary>
    private static string? Header(APIGatewayProxyRequest request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

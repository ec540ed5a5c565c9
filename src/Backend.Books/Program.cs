using Backend.Books;
using Backend.DynamoDbManager;
using Backend.Lambda.RuntimeSupport;

// Wiring only: the behaviour lives in BooksFunction, which tests call directly.
// The client is made once here, in init, and reused by every invocation of this process.
BooksFunction? function = null;
using var bootstrap = LambdaBootstrapBuilder
    .Create((input, context) => function!.HandleAsync(input, context))
    .UseBootstrapHandler(() =>
    {
        var tableName = Environment.GetEnvironmentVariable("TABLE_NAME");
        if (string.IsNullOrWhiteSpace(tableName))
            throw new InvalidOperationException("TABLE_NAME is not set: it names the books table this function serves");
        var origin = Environment.GetEnvironmentVariable("ALLOWED_ORIGIN");
        function = new BooksFunction(DynamoDbClientFactory.Create(), tableName, string.IsNullOrWhiteSpace(origin) ? "*" : origin);
        return Task.FromResult(true);
    })
    .Build();
return await bootstrap.RunAsync();

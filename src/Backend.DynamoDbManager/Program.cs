using Backend.DynamoDbManager;
using Backend.Lambda.RuntimeSupport;

// Wiring only: the behaviour lives in DynamoDbManagerFunction, which tests call directly.
// The client is made once here, in init, and reused by every invocation of this process.
DynamoDbManagerFunction? function = null;
using var bootstrap = LambdaBootstrapBuilder
    .Create((input, context) => function!.HandleAsync(input, context))
    .UseBootstrapHandler(() =>
    {
        var tableName = Environment.GetEnvironmentVariable("TABLE_NAME");
        if (string.IsNullOrWhiteSpace(tableName))
            throw new InvalidOperationException("TABLE_NAME is not set: it names the one DynamoDB table this function serves");
        function = new DynamoDbManagerFunction(DynamoDbClientFactory.Create(), tableName);
        return Task.FromResult(true);
    })
    .Build();
return await bootstrap.RunAsync();

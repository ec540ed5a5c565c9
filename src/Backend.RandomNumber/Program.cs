using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.RuntimeSupport;
using Backend.Lambda.Serialization;
using Backend.RandomNumber;

// Wiring only: the behaviour lives in RandomNumberFunction, which tests call directly.
var function = new RandomNumberFunction();
var serializer = new SourceGeneratorLambdaJsonSerializer<ApiGatewayJsonContext>(ApiGatewayJsonContext.Default);
using var bootstrap = LambdaBootstrapBuilder
    .Create<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(function.HandleAsync, serializer)
    .Build();
return await bootstrap.RunAsync();

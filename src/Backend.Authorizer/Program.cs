using Backend.Authorizer;
using Backend.Lambda.RuntimeSupport;

// Wiring only: the behaviour lives in TokenAuthorizer, which tests call directly.
var function = new TokenAuthorizer(Environment.GetEnvironmentVariable(TokenAuthorizer.TokenVariable));
using var bootstrap = LambdaBootstrapBuilder.Create(function.HandleAsync).Build();
return await bootstrap.RunAsync();

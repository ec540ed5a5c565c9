using Backend.Calc;
using Backend.Lambda.RuntimeSupport;

// Wiring only: the behaviour lives in CalcFunction, which tests call directly.
var function = new CalcFunction();
using var bootstrap = LambdaBootstrapBuilder.Create(function.HandleAsync).Build();
return await bootstrap.RunAsync();

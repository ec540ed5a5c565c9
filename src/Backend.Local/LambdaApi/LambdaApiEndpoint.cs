using Backend.Local.Http;
using Backend.Local.Runtime;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>
/// The Lambda API on its own port, so the AWS CLI and SDKs work with --endpoint-url. Every operation is one line
/// of <see cref="Routes"/> (the paths and methods of botocore's Lambda model) and a handler; anything else is
/// Lambda's UnknownOperationException.
/// </summary>
public sealed class LambdaApiEndpoint
{
    private const string Functions = "/2015-03-31/functions";

    private readonly FunctionHost _functions;

    public LambdaApiEndpoint(FunctionHost functions, Func<FunctionPool, string> codeLocation, LogSink logs)
    {
        _functions = functions;
        var read = new FunctionReads(functions, codeLocation);
        var invoke = new InvokeOperation(logs);
        Routes = new HttpRoutes(fallback: UnknownOperationAsync)
            .Get(Functions, Reply(read.List))                                          // ListFunctions
            .Get(Functions + "/{name}", OfFunction(read.Function))                     // GetFunction
            .Get(Functions + "/{name}/configuration", OfFunction(read.Configuration))  // GetFunctionConfiguration
            .Post(Functions + "/{name}/invocations", OfFunction(invoke.InvokeAsync));  // Invoke
    }

    public HttpRoutes Routes { get; }

    private static Task UnknownOperationAsync(HttpContext http, PathValues path) =>
        HttpExchange.WriteAsync(http, LambdaApiErrors.UnknownOperation(http.Request.Method, http.Request.Path.Value ?? ""));

    private static EndpointHandler Reply(Func<HttpReply> operation) => (http, _) => HttpExchange.WriteAsync(http, operation());

    private EndpointHandler OfFunction(Func<FunctionPool, HttpReply> operation) => OfFunction((_, pool) => Task.FromResult(operation(pool)));

    /// <summary>
    /// An operation on the function named in the path: its logical id, name or ARN (URL-escaped; ours only), and
    /// at most the $LATEST qualifier. Any other is Lambda's ResourceNotFoundException, naming the ARN asked for.
    /// </summary>
    private EndpointHandler OfFunction(Func<HttpContext, FunctionPool, Task<HttpReply>> operation) => async (http, path) =>
    {
        var name = Uri.UnescapeDataString(path["name"]);
        var qualifier = http.Request.Query["Qualifier"].FirstOrDefault();
        var pool = _functions.Find(name);
        HttpReply reply;
        if (pool is null || (qualifier is not null && qualifier != "$LATEST"))
        {
            var arn = name.StartsWith("arn:", StringComparison.Ordinal) ? name : _functions.Local.FunctionArn(name);
            reply = LambdaApiErrors.FunctionNotFound(qualifier is null ? arn : $"{arn}:{qualifier}");
        }
        else
        {
            reply = await operation(http, pool);
        }
        await HttpExchange.WriteAsync(http, reply);
    };
}

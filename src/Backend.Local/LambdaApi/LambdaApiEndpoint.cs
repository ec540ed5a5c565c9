using Backend.Local.ControlPlane;
using Backend.Local.ControlPlane.Code;
using Backend.Local.Http;
using Backend.Local.Runtime;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>
/// The Lambda API on its own port, so the AWS CLI and SDKs work with --endpoint-url. Every operation is one line
/// of <see cref="Routes"/> (the paths and methods of botocore's Lambda model) and a handler; anything else is
/// Lambda's UnknownOperationException, naming the operation when it is one of the model's this endpoint does not
/// serve (<see cref="NotServedOperations"/>). A handler refuses with <see cref="LambdaApiException"/>, answered here.
/// </summary>
public sealed class LambdaApiEndpoint
{
    private const string Functions = "/2015-03-31/functions";
    private const string Function = Functions + "/{name}";
    private const string Concurrency = "/functions/{name}/concurrency";

    public LambdaApiEndpoint(FunctionCatalog catalog, CodeStore code, LogSink logs)
    {
        var reads = new FunctionReads(catalog, code);
        var writes = new FunctionWrites(catalog, code);
        var versions = new VersionOperations(catalog);
        var aliases = new AliasOperations(catalog);
        var policies = new PolicyOperations(catalog);
        var concurrency = new ConcurrencyOperations(catalog);
        var invoke = new InvokeOperation(catalog, logs);
        Routes = new HttpRoutes(fallback: UnknownOperationAsync)
            .Get(Functions, Answer(reads.List))                                             // ListFunctions
            .Post(Functions, Answer(writes.CreateAsync))                                    // CreateFunction
            .Get(Function, Answer(reads.Function))                                          // GetFunction
            .Delete(Function, Answer(writes.DeleteAsync))                                   // DeleteFunction
            .Get(Function + "/configuration", Answer(reads.Configuration))                  // GetFunctionConfiguration
            .Put(Function + "/configuration", Answer(writes.UpdateConfigurationAsync))      // UpdateFunctionConfiguration
            .Put(Function + "/code", Answer(writes.UpdateCodeAsync))                        // UpdateFunctionCode
            .Post(Function + "/invocations", Answer(invoke.InvokeAsync))                    // Invoke
            .Post(Function + "/versions", Answer(versions.PublishAsync))                    // PublishVersion
            .Get(Function + "/versions", Answer(versions.List))                             // ListVersionsByFunction
            .Post(Function + "/aliases", Answer(aliases.CreateAsync))                       // CreateAlias
            .Get(Function + "/aliases", Answer(aliases.List))                               // ListAliases
            .Get(Function + "/aliases/{alias}", Answer(aliases.Get))                        // GetAlias
            .Put(Function + "/aliases/{alias}", Answer(aliases.UpdateAsync))                // UpdateAlias
            .Delete(Function + "/aliases/{alias}", Answer(aliases.DeleteAsync))             // DeleteAlias
            .Post(Function + "/policy", Answer(policies.AddAsync))                          // AddPermission
            .Get(Function + "/policy", Answer(policies.Get))                                // GetPolicy
            .Delete(Function + "/policy/{sid}", Answer(policies.RemoveAsync))               // RemovePermission
            .Put("/2017-10-31" + Concurrency, Answer(concurrency.PutAsync))                 // PutFunctionConcurrency
            .Delete("/2017-10-31" + Concurrency, Answer(concurrency.DeleteAsync))           // DeleteFunctionConcurrency
            .Get("/2019-09-30" + Concurrency, Answer(concurrency.Get))                      // GetFunctionConcurrency
            .Get(FunctionReads.CodePath, Answer(reads.CodeZip));                            // GetFunction's Code.Location
        // Some share a method and path, told apart by the query (ListLayers and GetLayerVersionByArn): named together.
        foreach (var same in NotServedOperations.All.GroupBy(o => (o.Method, o.Path)))
        {
            var reply = LambdaApiErrors.NotServedOperation(string.Join(" / ", same.Select(o => o.Operation)));
            Routes.Map(same.Key.Method, same.Key.Path, (http, _) => HttpExchange.WriteAsync(http, reply));
        }
    }

    public HttpRoutes Routes { get; }

    private static Task UnknownOperationAsync(HttpContext http, PathValues path) =>
        HttpExchange.WriteAsync(http, LambdaApiErrors.UnknownOperation(http.Request.Method, http.Request.Path.Value ?? ""));

    private static EndpointHandler Answer(Func<HttpContext, PathValues, HttpReply> operation) =>
        Answer((http, path) => Task.FromResult(operation(http, path)));

    private static EndpointHandler Answer(Func<HttpContext, PathValues, Task<HttpReply>> operation) => async (http, path) =>
    {
        HttpReply reply;
        try
        {
            reply = await operation(http, path);
        }
        catch (LambdaApiException refused)
        {
            reply = refused.Reply;
        }
        await HttpExchange.WriteAsync(http, reply);
    };
}

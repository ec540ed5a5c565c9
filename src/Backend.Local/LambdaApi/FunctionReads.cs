using Backend.Local.Http;
using Backend.Local.Runtime;

namespace Backend.Local.LambdaApi;

/// <summary>ListFunctions, GetFunction and GetFunctionConfiguration: answered from the template's definitions.</summary>
internal sealed class FunctionReads(FunctionHost functions, Func<FunctionPool, string> codeLocation)
{
    public HttpReply List() => HttpReply.Json(200, FunctionConfigurationJson.List(functions));

    public HttpReply Function(FunctionPool pool) => HttpReply.Json(200, FunctionConfigurationJson.Function(pool, functions, codeLocation(pool)));

    public HttpReply Configuration(FunctionPool pool) => HttpReply.Json(200, FunctionConfigurationJson.Configuration(pool, functions));
}

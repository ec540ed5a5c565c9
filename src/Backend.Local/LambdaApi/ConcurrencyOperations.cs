using Backend.Lambda.Serialization;
using Backend.Local.ControlPlane;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>PutFunctionConcurrency, GetFunctionConcurrency and DeleteFunctionConcurrency: the function's reserved concurrency, which its instance pools honour.</summary>
internal sealed class ConcurrencyOperations(FunctionCatalog catalog)
{
    /// <summary>Lambda's default account concurrency, and the part it keeps unreserved.</summary>
    private const int AccountConcurrency = 1000;
    private const int MinimumUnreserved = 100;

    public async Task<HttpReply> PutAsync(HttpContext http, PathValues path)
    {
        var address = Function(path);
        var request = await JsonRequest.ReadAsync(http, ControlPlaneLimits.RequestBytes, "PutFunctionConcurrency", ["ReservedConcurrentExecutions"]);
        var reserved = request.RequiredInt("ReservedConcurrentExecutions");
        if (reserved < 0)
            throw new LambdaApiException(LambdaApiErrors.Validation($"Value '{reserved}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0"));
        if (catalog.Find(address.Name) is null) throw new LambdaApiException(LambdaApiErrors.FunctionNotFound($"{catalog.Local.FunctionArn(address.Name)}:$LATEST"));
        var othersReserved = catalog.All.Where(f => f.Name != address.Name).Sum(f => f.ReservedConcurrency ?? 0);
        if (othersReserved + reserved > AccountConcurrency - MinimumUnreserved)
        {
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter(
                $"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{MinimumUnreserved}]."));
        }
        await catalog.ChangeAsync(address, current => (current with { ReservedConcurrency = reserved }, 0));
        return HttpReply.Json(200, Body(reserved));
    }

    public HttpReply Get(HttpContext http, PathValues path) => HttpReply.Json(200, Body(catalog.Get(Function(path)).ReservedConcurrency));

    public async Task<HttpReply> DeleteAsync(HttpContext http, PathValues path)
    {
        await catalog.ChangeAsync(Function(path), current => (current with { ReservedConcurrency = null }, 0));
        return new HttpReply(204, [], []);
    }

    private FunctionAddress Function(PathValues path)
    {
        var address = FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), null, catalog.Local);
        if (address.Qualifier is not null)
        {
            throw new LambdaApiException(LambdaApiErrors.InvalidParameter(
                "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN."));
        }
        return address;
    }

    private static byte[] Body(int? reserved) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        if (reserved is { } value) w.WriteNumber("ReservedConcurrentExecutions", value);
        w.WriteEndObject();
    });
}

using System.Text.Json;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Backend.Calc;
using Backend.DynamoDbManager;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Serialization;
using Backend.Lambda.TestUtilities;
using Backend.RandomNumber;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Backend.Benchmarks;

/// <summary>What each invocation spends inside our code: handlers, event (de)serialization, JSON ↔ DynamoDB.</summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class HotPathBenchmarks
{
    private readonly TestLambdaContext _context = new() { Logger = new TestLambdaLogger() };
    private readonly CalcFunction _calc = new();
    private readonly RandomNumberFunction _random = new();
    private byte[] _calcPost = [];
    private byte[] _calcDirect = [];
    private APIGatewayHttpApiV2ProxyRequest _randomEvent = null!;
    private byte[] _managerBody = [];
    private JsonDocument _item = null!;
    private Dictionary<string, AttributeValue> _attributes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _calcPost = Encoding.UTF8.GetBytes(RepositoryFiles.ReadEvent("calc-post.json"));
        _calcDirect = Encoding.UTF8.GetBytes(RepositoryFiles.ReadEvent("calc-direct.json"));
        _randomEvent = JsonSerializer.Deserialize(RepositoryFiles.ReadEvent("random-get.json"), ApiGatewayJsonContext.Default.APIGatewayHttpApiV2ProxyRequest)!;
        _managerBody = Encoding.UTF8.GetBytes("""
            {"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"1234ABCD","number":5,"name":"Bob",
             "tags":["a","b"],"address":{"street":"1 Main St","zip":"12345","geo":{"lat":52.37,"lon":4.89}},"active":true,"note":null}}}
            """);
        _item = JsonDocument.Parse(_managerBody);
        _attributes = AttributeValueJson.ToAttributeMap(_item.RootElement.GetProperty("payload").GetProperty("Item"));
    }

    [Benchmark(Description = "Calc: REST proxy event in, proxy response out")]
    public async Task<Stream> CalcApiGateway() => await _calc.HandleAsync(new MemoryStream(_calcPost, writable: false), _context);

    [Benchmark(Description = "Calc: direct {a,b,op}")]
    public async Task<Stream> CalcDirect() => await _calc.HandleAsync(new MemoryStream(_calcDirect, writable: false), _context);

    [Benchmark(Description = "RandomNumber: HTTP API event")]
    public APIGatewayHttpApiV2ProxyResponse RandomNumber() => _random.Handle(_randomEvent, _context);

    [Benchmark(Description = "API Gateway REST event: deserialize")]
    public APIGatewayProxyRequest DeserializeRestEvent() =>
        JsonSerializer.Deserialize(_calcPost, ApiGatewayJsonContext.Default.APIGatewayProxyRequest)!;

    [Benchmark(Description = "DynamoDbManager: parse the request")]
    public ManagerRequest ParseManagerRequest()
    {
        using var document = JsonDocument.Parse(_managerBody);
        return ManagerRequest.Read(document.RootElement);
    }

    [Benchmark(Description = "JSON -> DynamoDB item")]
    public Dictionary<string, AttributeValue> JsonToItem() =>
        AttributeValueJson.ToAttributeMap(_item.RootElement.GetProperty("payload").GetProperty("Item"));

    [Benchmark(Description = "DynamoDB item -> JSON")]
    public string ItemToJson() => JsonBytes.WriteString(w => AttributeValueJson.WriteAttributeMap(w, _attributes));
}

/// <summary>
/// Short runs, in this process: BenchmarkDotNet's generated project would not build under this repository's
/// central package management and warnings-as-errors, and ratios here matter more than the last digit.
/// </summary>
public sealed class ShortInProcess : ManualConfig
{
    public ShortInProcess() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}

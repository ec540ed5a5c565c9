using System.Collections.Concurrent;

namespace Backend.Local.Gateway;

/// <summary>What API Gateway sent a function and what the function answered, for one request.</summary>
public sealed record GatewayExchange(string RequestId, byte[] Event, byte[] ProxyResponse);

/// <summary>
/// The last requests' events and proxy responses, by request id (the console shows them beside the HTTP answer).
/// Kept for the last 200 requests only: a local tool under load must not grow.
/// </summary>
public sealed class GatewayExchanges
{
    private const int Kept = 200;
    private readonly ConcurrentDictionary<string, GatewayExchange> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(GatewayExchange exchange)
    {
        _byId[exchange.RequestId] = exchange;
        _order.Enqueue(exchange.RequestId);
        while (_order.Count > Kept && _order.TryDequeue(out var oldest)) _byId.TryRemove(oldest, out _);
    }

    public GatewayExchange? Find(string requestId) => _byId.GetValueOrDefault(requestId);
}

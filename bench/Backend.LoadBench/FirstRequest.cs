using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Backend.LoadBench;

/// <summary>A server's first answer after start: when its port opened, and the first request's own latency.</summary>
/// <param name="PortOpenMs">Start to the port accepting a connection.</param>
/// <param name="FirstRequestMs">The first request that answered 200, on its own (connect, send, whole answer).</param>
/// <param name="FirstAnswerMs">Start to that 200.</param>
public sealed record FirstRequestTimes(double PortOpenMs, double FirstRequestMs, double FirstAnswerMs);

public static class FirstRequest
{
    /// <summary>
    /// Probes <paramref name="warmUrl"/>'s port and sends it one request first, so this process's own socket and
    /// HTTP client code is compiled (JIT) before any clock runs, then returns a started clock: the server's start
    /// is timed, not our client's first use.
    /// </summary>
    public static async Task<Stopwatch> StartClockAsync(string warmUrl)
    {
        using var client = new HttpClient();
        (await client.GetAsync(warmUrl)).Dispose();
        await PortOpenAsync(new Uri(warmUrl), Stopwatch.StartNew(), () => false, TimeSpan.FromSeconds(5));
        return Stopwatch.StartNew();
    }

    /// <summary>Waits for the port (connect only, no request), then sends GETs until one answers 200.</summary>
    public static async Task<FirstRequestTimes> MeasureAsync(Uri url, Stopwatch sinceStart, Func<bool> hasExited, TimeSpan timeout)
    {
        var portOpen = await PortOpenAsync(url, sinceStart, hasExited, timeout);
        while (true)
        {
            // A fresh client per attempt: each first request pays its own connection, as a browser's would.
            using var client = new HttpClient();
            var request = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            var requestMs = request.Elapsed.TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.OK)
                return new FirstRequestTimes(portOpen, requestMs, sinceStart.Elapsed.TotalMilliseconds);
            if (hasExited() || sinceStart.Elapsed > timeout)
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}, never 200");
            await Task.Delay(10);
        }
    }

    private static async Task<double> PortOpenAsync(Uri url, Stopwatch sinceStart, Func<bool> hasExited, TimeSpan timeout)
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.TryParse(url.Host, out var address) ? address : IPAddress.Loopback, url.Port);
                return sinceStart.Elapsed.TotalMilliseconds;
            }
            catch (SocketException) when (!hasExited() && sinceStart.Elapsed < timeout)
            {
                await Task.Delay(10); // not listening yet
            }
        }
    }
}

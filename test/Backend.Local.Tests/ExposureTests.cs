using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Backend.Local.Hosting;

namespace Backend.Local.Tests;

/// <summary>What the emulator exposes: loopback only by default, and no oversized body read before it refuses it.</summary>
[Collection("repository server")]
public sealed class ExposureTests(RepositoryServerFixture fixture)
{
    [Fact]
    public async Task It_listens_on_loopback_only_by_default()
    {
        Assert.Equal("127.0.0.1", new LocalServerOptions { Template = fixture.Template }.Host);
        Assert.Equal("127.0.0.1", fixture.Server.ApiUrl!.Host);
        Assert.Equal("127.0.0.1", fixture.Server.LambdaUrl!.Host);

        var external = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();
        foreach (var address in external)
        {
            using var socket = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => socket.ConnectAsync(address, fixture.Server.ApiUrl.Port));
        }
    }

    [Theory]
    [InlineData("/prod/DynamoDBManager", "413 Payload Too Large", 11 * 1024 * 1024)]
    [InlineData("/2015-03-31/functions/CalcFunction/invocations", "413 Payload Too Large", 7 * 1024 * 1024)]
    public async Task A_body_over_the_limit_is_refused_from_its_Content_Length_before_it_is_sent(string path, string statusLine, int declared)
    {
        var url = path.StartsWith("/2015", StringComparison.Ordinal) ? fixture.Server.LambdaUrl! : fixture.Server.ApiUrl!;
        using var socket = new TcpClient();
        await socket.ConnectAsync(url.Host, url.Port);
        var stream = socket.GetStream();

        // Only the head and 16 bytes are sent: an answer proves the body was never waited for.
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n{{\"operation\":\"x\""));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await stream.ReadAsync(buffer, timeout.Token);

        Assert.StartsWith("HTTP/1.1 " + statusLine, Encoding.ASCII.GetString(buffer, 0, read));
    }
}

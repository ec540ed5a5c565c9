using System.Net;
using System.Net.Sockets;
using System.Text;
using Backend.Lambda.RuntimeSupport;

namespace Backend.Lambda.Tests;

/// <summary>The Runtime API's small HTTP/1.1 client against a raw socket server that answers exactly as scripted.</summary>
public sealed class RuntimeApiConnectionTests
{
    /// <summary>Accepts connections and answers each request with the next scripted response (sent in tiny pieces).</summary>
    private static (int Port, Task<List<string>> Requests) Serve(params (string Response, bool CloseAfter)[] script)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = Task.Run(async () =>
        {
            var seen = new List<string>();
            var index = 0;
            while (index < script.Length)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                while (index < script.Length)
                {
                    seen.Add(await ReadRequestAsync(stream));
                    var (response, close) = script[index++];
                    foreach (var piece in Encoding.UTF8.GetBytes(response).Chunk(3)) await stream.WriteAsync(piece);
                    if (close) break;
                }
            }
            listener.Stop();
            return seen;
        });
        return (port, requests);
    }

    private static async Task<string> ReadRequestAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) > 0) text.Append((char)buffer[0]);
        var head = text.ToString();
        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.Ordinal))?.Split(':')[1].Trim();
        if (length is not null) for (var i = 0; i < int.Parse(length); i++) await stream.ReadExactlyAsync(buffer);
        return head.Split("\r\n")[0];
    }

    [Fact]
    public async Task Chunked_and_sized_bodies_arrive_whole_over_one_kept_alive_connection()
    {
        var (port, requests) = Serve(
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", false),
            ("HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\nx-a: 2\r\n\r\nok", false));
        using var connection = new RuntimeApiConnection("127.0.0.1", port);

        var first = connection.Send("GET", "/a", [], []);
        var second = connection.Send("POST", "/b", [("X-Test", "y")], "body"u8);

        Assert.Equal((200, "hello world", "1"), (first.StatusCode, Encoding.UTF8.GetString(first.Body), first.Header("x-a")));
        Assert.Equal((202, "ok", "2"), (second.StatusCode, Encoding.UTF8.GetString(second.Body), second.Header("X-A")));
        Assert.Equal(["GET /a HTTP/1.1", "POST /b HTTP/1.1"], await requests.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_connection_the_server_closed_is_replaced_and_the_request_sent_again()
    {
        var (port, requests) = Serve(
            ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na", true),
            ("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end", true),
            ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc", true));
        using var connection = new RuntimeApiConnection("127.0.0.1", port);

        var bodies = new[] { "/1", "/2", "/3" }.Select(path => Encoding.UTF8.GetString(connection.Send("GET", path, [], []).Body)).ToList();

        Assert.Equal(["a", "to the end", "c"], bodies);
        Assert.Equal(["GET /1 HTTP/1.1", "GET /2 HTTP/1.1", "GET /3 HTTP/1.1"], await requests.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Something_that_is_not_HTTP_is_an_IOException()
    {
        var (port, _) = Serve(("SSH-2.0-OpenSSH\r\n\r\n", true));
        using var connection = new RuntimeApiConnection("127.0.0.1", port);

        Assert.Throws<IOException>(() => connection.Send("GET", "/", [], []));
    }
}

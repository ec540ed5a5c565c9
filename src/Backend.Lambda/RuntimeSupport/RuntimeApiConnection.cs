using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>A response of the Runtime API: status, headers (names lower-cased) and body.</summary>
internal sealed record RuntimeApiResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// A minimal HTTP/1.1 client over one kept-alive, blocking socket, for the Runtime API only.
/// Why not HttpClient: the conversation is local and strictly sequential (poll, answer, poll), and
/// HttpClient's first request cost ~90 ms of CPU at start-up where a plain socket cost ~30 ms
/// (measured here, README "Performance"), and a cold start pays that in full. Blocking is right for the same reason: there is
/// never a second request in flight, and the poll must wait without any timeout.
/// </summary>
internal sealed class RuntimeApiConnection(string host, int port) : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <param name="headers">An array, walked with a plain loop: a list interface or a span over this tuple would be
    /// framework generic code that ReadyToRun leaves to the JIT at start-up.</param>
    public RuntimeApiResponse Send(string method, string path, (string Name, string Value)[] headers, ReadOnlySpan<byte> body)
    {
        // A kept-alive connection may have been closed by the server since the last request: retry once on a fresh one.
        for (var attempt = 0; ; attempt++)
        {
            var fresh = _socket is null;
            try
            {
                var socket = Connect();
                Write(socket, method, path, headers, body);
                return Read(socket);
            }
            catch (Exception e) when (e is SocketException or IOException && !fresh && attempt == 0)
            {
                Close();
            }
        }
    }

    private Socket Connect()
    {
        if (_socket is not null) return _socket;
        // Lambda's AWS_LAMBDA_RUNTIME_API is an IPv4 literal (127.0.0.1:9001): connecting an IPv4 socket to it directly
        // skips IPAddress parsing and the dual-mode IPv6 mapping, which ReadyToRun leaves to the JIT (measured, README
        // "Performance"). Any other host (a name, IPv6) goes through the general Connect.
        var ipv4 = Ipv4.Parse(host);
        var socket = ipv4 is not null
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (ipv4 is not null) socket.Connect(new IPEndPoint(ipv4, port));
            else socket.Connect(host, port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _start = _end = 0;
        return _socket = socket;
    }

    private void Write(Socket socket, string method, string path, (string Name, string Value)[] headers, ReadOnlySpan<byte> body)
    {
        var head = new StringBuilder(256)
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\nHost: ").Append(host).Append(':').Append(port).Append("\r\n");
        for (var i = 0; i < headers.Length; i++) head.Append(headers[i].Name).Append(": ").Append(headers[i].Value).Append("\r\n");
        if (method != "GET") head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("\r\n");
        SendAll(socket, Encoding.ASCII.GetBytes(head.ToString()));
        SendAll(socket, body);
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (data.Length > 0) data = data[socket.Send(data)..];
    }

    private RuntimeApiResponse Read(Socket socket)
    {
        var headerEnd = FillUntilHeaderEnd(socket);
        var lines = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start).Split("\r\n");
        _start = headerEnd + 4;
        var status = lines[0].Split(' ');
        if (status.Length < 2 || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            throw new IOException($"the Runtime API answered something that is not HTTP: '{lines[0]}'");
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }
        byte[] body;
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            body = ReadChunked(socket);
        else if (headers.TryGetValue("content-length", out var length))
            body = ReadExactly(socket, int.Parse(length, NumberStyles.None, CultureInfo.InvariantCulture));
        else
            body = ReadToEnd(socket);
        if (headers.TryGetValue("connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase)) Close();
        return new RuntimeApiResponse(code, headers, body);
    }

    /// <summary>Reads until the blank line that ends the headers; returns its index in the buffer.</summary>
    private int FillUntilHeaderEnd(Socket socket)
    {
        var scanned = 0; // relative to _start, which Fill may move
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var end = pending[scanned..].IndexOf("\r\n\r\n"u8);
            if (end >= 0) return _start + scanned + end;
            scanned = Math.Max(0, pending.Length - 3);
            if (pending.Length > MaxHeaderBytes) throw new IOException("the Runtime API sent headers over 64 KB");
            if (Fill(socket) == 0) throw new IOException("the Runtime API closed the connection before answering");
        }
    }

    private byte[] ReadExactly(Socket socket, int length)
    {
        var body = new byte[length];
        var copied = Take(body);
        while (copied < length)
        {
            var read = socket.Receive(body.AsSpan(copied));
            if (read == 0) throw new IOException("the Runtime API closed the connection mid-body");
            copied += read;
        }
        return body;
    }

    private byte[] ReadChunked(Socket socket)
    {
        var body = new ArrayBufferWriter<byte>();
        while (true)
        {
            var line = ReadLine(socket);
            var size = int.Parse(line.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while (ReadLine(socket).Length > 0) { } // trailers, then the blank line
                return body.WrittenSpan.ToArray();
            }
            body.Write(ReadExactly(socket, size));
            ReadLine(socket); // the CRLF after each chunk
        }
    }

    private string ReadLine(Socket socket)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, end);
                _start += end + 2;
                return line;
            }
            if (Fill(socket) == 0) throw new IOException("the Runtime API closed the connection mid-body");
        }
    }

    private byte[] ReadToEnd(Socket socket)
    {
        var body = new ArrayBufferWriter<byte>();
        while (true)
        {
            body.Write(_buffer.AsSpan(_start, _end - _start));
            _start = _end = 0;
            if (Fill(socket) == 0) break;
        }
        Close();
        return body.WrittenSpan.ToArray();
    }

    /// <summary>Moves buffered bytes into the destination; returns how many.</summary>
    private int Take(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    private int Fill(Socket socket)
    {
        if (_start > 0 && _start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
        var read = socket.Receive(_buffer.AsSpan(_end));
        _end += read;
        return read;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
    }

    public void Dispose() => Close();
}

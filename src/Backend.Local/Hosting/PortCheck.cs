using System.Net;
using System.Net.Sockets;

namespace Backend.Local.Hosting;

/// <summary>
/// The ports asked for, tried before anything starts: a taken port is the user's to fix, and finding it only when
/// Kestrel binds would come after a build and DynamoDB Local's start, both to be undone.
/// </summary>
internal static class PortCheck
{
    public static void EnsureFree(LocalServerOptions options)
    {
        var address = IPAddress.TryParse(options.Host, out var parsed) ? parsed
            : throw new UsageException($"--host takes an IP address of this machine, not '{options.Host}'");
        if (options.ApiPort is > 0 and var same && options.LambdaPort == same)
            throw new UsageException($"--port and --lambda-port are both {same}; give each its own");
        if (options.ApiPort is > 0 and var api) EnsureFree(address, api, "API Gateway", "--port");
        if (options.LambdaPort is > 0 and var lambda) EnsureFree(address, lambda, "Lambda Invoke API", "--lambda-port");
        if (options.ConsolePort is > 0 and var console)
        {
            if (console == options.ApiPort || console == options.LambdaPort)
                throw new UsageException($"--console-port {console} is also given to another listener; give each its own");
            EnsureFree(address, console, "console", "--console-port");
        }
    }

    private static void EnsureFree(IPAddress address, int port, string listener, string option)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new UsageException(PortListener.Describe(port) is { } owner
                ? $"port {port} ({listener}) is already in use on {address} by {owner}: stop it, or pass another {option}"
                : $"port {port} ({listener}) is already in use on {address}: stop what listens there, or pass another {option}");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new UsageException($"--host {address} is not an address of this machine");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            throw new UsageException($"port {port} ({listener}) needs privileges this user lacks: pass another {option} (above 1023)");
        }
    }
}

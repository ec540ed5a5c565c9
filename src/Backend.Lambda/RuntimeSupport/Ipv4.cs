using System.Net;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// Dotted-quad IPv4 literals ("127.0.0.1"), parsed by hand: IPAddress.TryParse is generic framework code that
/// ReadyToRun leaves to the JIT, and the Runtime API's address is parsed once per cold start (README "Performance").
/// </summary>
internal static class Ipv4
{
    /// <summary>The address, or null when the text is not exactly four decimal octets (a name, IPv6, ...).</summary>
    public static IPAddress? Parse(string text)
    {
        uint address = 0;
        int octets = 0, digits = 0, octet = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                octet = octet * 10 + (c - '0');
                if (++digits > 3 || octet > 255) return null;
            }
            else if (c == '.' && digits > 0 && octets < 3)
            {
                address = address << 8 | (uint)octet;
                octets++;
                digits = octet = 0;
            }
            else
            {
                return null;
            }
        }
        if (octets != 3 || digits == 0) return null;
        address = address << 8 | (uint)octet;
        // IPAddress(long) takes the address in network byte order: the first octet in the lowest byte.
        return new IPAddress((long)(uint)IPAddress.HostToNetworkOrder((int)address));
    }
}

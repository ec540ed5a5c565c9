using System.Net;
using Backend.Lambda.RuntimeSupport;
using Xunit;

namespace Backend.Lambda.Tests;

public class Ipv4Tests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("169.254.100.1")]
    public void Parses_dotted_quads_as_IPAddress_does(string text) =>
        Assert.Equal(IPAddress.Parse(text), Ipv4.Parse(text));

    // Anything else goes to Socket.Connect(host, port), which resolves names and parses IPv6.
    [Theory]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("127.0.0")]
    [InlineData("127.0.0.1.1")]
    [InlineData("256.0.0.1")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.")]
    [InlineData(".1.2.3")]
    [InlineData("0127.0.0.1")]
    [InlineData("")]
    public void Leaves_everything_else_to_the_general_connect(string text) =>
        Assert.Null(Ipv4.Parse(text));
}

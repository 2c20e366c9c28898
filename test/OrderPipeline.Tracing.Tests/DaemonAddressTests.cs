namespace OrderPipeline.Tracing.Tests;

public sealed class DaemonAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:2000", "127.0.0.1", 2000)]
    [InlineData("169.254.79.129:2000", "169.254.79.129", 2000)]
    [InlineData("xray-daemon:3000", "xray-daemon", 3000)]
    [InlineData("[::1]:2001", "::1", 2001)]
    [InlineData("tcp:127.0.0.1:2000 udp:127.0.0.2:2001", "127.0.0.2", 2001)]
    [InlineData("udp:127.0.0.2:2001 tcp:127.0.0.1:2000", "127.0.0.2", 2001)]
    [InlineData("  udp:127.0.0.2:2001   tcp:127.0.0.1:2000 ", "127.0.0.2", 2001)]
    public void TryParse_EitherForm_GivesTheUdpHostAndPort(string value, string host, int port)
    {
        Assert.True(DaemonAddress.TryParse(value, out var parsedHost, out var parsedPort));

        Assert.Equal((host, port), (parsedHost, parsedPort));
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData(":2000")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("udp:127.0.0.1:2000")]
    [InlineData("udp:127.0.0.1:2000 udp:127.0.0.1:2001")]
    [InlineData("tcp:127.0.0.1:2000 udp:127.0.0.1")]
    [InlineData("tcp:127.0.0.1 udp:127.0.0.1:2000")]
    [InlineData("127.0.0.1:2000 127.0.0.1:2001")]
    public void TryParse_NeitherForm_ReturnsFalseWithTheDefault(string value)
    {
        Assert.False(DaemonAddress.TryParse(value, out var host, out var port));

        Assert.Equal(("127.0.0.1", 2000), (host, port));
    }
}

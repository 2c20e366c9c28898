using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed class SqsHttpTests
{
    [Fact]
    public async Task ReadBodyAsync_BodyWithContentLength_ReturnsExactlyItsBytes()
    {
        byte[] sent = [.. Enumerable.Range(0, 70_000).Select(i => (byte)i)];
        var request = Request(new TrickleStream(sent), sent.Length);

        var body = await SqsHttp.ReadBodyAsync(request, CancellationToken.None);

        Assert.Equal(sent, body);
    }

    [Fact]
    public async Task ReadBodyAsync_BodyWithoutContentLength_ReturnsAllOfIt()
    {
        byte[] sent = [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7))];
        var request = Request(new TrickleStream(sent), null);

        var body = await SqsHttp.ReadBodyAsync(request, CancellationToken.None);

        Assert.Equal(sent, body);
    }

    [Fact]
    public async Task ReadBodyAsync_BodyShorterThanItsContentLength_ReturnsTheBytesThatCame()
    {
        var request = Request(new TrickleStream([1, 2, 3]), 10);

        var body = await SqsHttp.ReadBodyAsync(request, CancellationToken.None);

        Assert.Equal([1, 2, 3], body);
    }

    private static HttpRequest Request(Stream body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    /// <summary>A read-only stream that hands out at most 1,000 bytes per read, as a network body arrives.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1000), cancellationToken);
    }
}

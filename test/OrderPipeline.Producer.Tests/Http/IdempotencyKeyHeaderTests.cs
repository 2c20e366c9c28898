using OrderPipeline.Lambda.Events;
using OrderPipeline.Producer.Http;

namespace OrderPipeline.Producer.Tests.Http;

public sealed class IdempotencyKeyHeaderTests
{
    [Fact]
    public void TryRead_NoHeaders_IsValidWithoutKey()
    {
        Assert.True(IdempotencyKeyHeader.TryRead(new ApiGatewayProxyRequest(), out var key, out var error));
        Assert.Null(key);
        Assert.Null(error);
    }

    [Fact]
    public void TryRead_AnySpelling_ReadsTheKey()
    {
        var request = new ApiGatewayProxyRequest { Headers = new Dictionary<string, string> { ["IDEMPOTENCY-KEY"] = "k-1" } };

        Assert.True(IdempotencyKeyHeader.TryRead(request, out var key, out _));
        Assert.Equal("k-1", key?.Value);
    }

    [Fact]
    public void TryRead_OnlyInMultiValueHeaders_ReadsTheKey()
    {
        var request = new ApiGatewayProxyRequest
        {
            MultiValueHeaders = new Dictionary<string, IList<string>> { ["idempotency-key"] = ["k-2"] },
        };

        Assert.True(IdempotencyKeyHeader.TryRead(request, out var key, out _));
        Assert.Equal("k-2", key?.Value);
    }

    [Fact]
    public void TryRead_DifferentValues_NamesTheHeader()
    {
        var request = new ApiGatewayProxyRequest
        {
            Headers = new Dictionary<string, string> { ["Idempotency-Key"] = "k-2" },
            MultiValueHeaders = new Dictionary<string, IList<string>> { ["Idempotency-Key"] = ["k-1", "k-2"] },
        };

        Assert.False(IdempotencyKeyHeader.TryRead(request, out var key, out var error));
        Assert.Null(key);
        Assert.Equal("Idempotency-Key", error?.Header);
        Assert.Null(error?.Pointer);
    }

    [Fact]
    public void TryRead_InvalidValue_DoesNotEchoIt()
    {
        var request = new ApiGatewayProxyRequest { Headers = new Dictionary<string, string> { ["Idempotency-Key"] = "<b>x y</b>" } };

        Assert.False(IdempotencyKeyHeader.TryRead(request, out _, out var error));
        Assert.DoesNotContain("<b>", error?.Detail, StringComparison.Ordinal);
    }
}

using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed class SqsQueueRegistryTests
{
    private readonly SqsQueueRegistry _registry = new("us-east-1", TimeProvider.System);

    [Theory]
    [InlineData("http://127.0.0.1:9324/000000000000/orders")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/000000000000/orders")]
    [InlineData("http://localhost/000000000000/orders")]
    // Not plain, so read through Uri as before: a scheme in capitals, a query, a dot segment, an escaped name.
    [InlineData("HTTP://127.0.0.1:9324/000000000000/orders")]
    [InlineData("http://127.0.0.1:9324/000000000000/orders?x=1")]
    [InlineData("http://127.0.0.1:9324/000000000000/./orders")]
    [InlineData("http://127.0.0.1:9324/000000000000/%6Frders")]
    public void ByUrl_UrlOfTheQueueOnAnyHost_FindsIt(string url)
    {
        var created = _registry.Create("orders", SqsQueueSettings.Defaults);

        Assert.Same(created, _registry.ByUrl(url));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9324/000000000000/missing")]
    [InlineData("http://127.0.0.1:9324/123456789012/orders")]
    [InlineData("http://127.0.0.1:9324/000000000000/orders/more")]
    [InlineData("http://127.0.0.1:9324/000000000000/")]
    [InlineData("http://127.0.0.1:9324/000000000000")]
    [InlineData("http://127.0.0.1:9324/orders")]
    [InlineData("orders")]
    [InlineData("")]
    public void ByUrl_NotAUrlOfAnExistingQueue_ThrowsQueueDoesNotExist(string url)
    {
        _registry.Create("orders", SqsQueueSettings.Defaults);

        var rejected = Assert.Throws<SqsProtocolException>(() => _registry.ByUrl(url));

        Assert.Equal(SqsError.QueueDoesNotExist().Type, rejected.Error.Type);
    }
}

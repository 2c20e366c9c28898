using System.Text;
using OrderPipeline.Local.ApiGateway;

namespace OrderPipeline.Local.Tests.ApiGateway;

public sealed class ProxyResponseReaderTests
{
    [Fact]
    public void TryRead_HeaderInBothMaps_KeepsOnlyTheMultiValueValues()
    {
        var read = Read("""{"statusCode":200,"headers":{"A":"1","B":"2"},"multiValueHeaders":{"a":["x","y"]}}""");

        Assert.Equal(
            [new("B", ["2"]), new("a", ["x", "y"])],
            read.Headers.Select(header => new KeyValuePair<string, string[]>(header.Key, header.Value)),
            (left, right) => left.Key == right.Key && left.Value.SequenceEqual(right.Value));
    }

    [Fact]
    public void TryRead_OnlyStatusCode_EmptyBodyNoHeaders()
    {
        var read = Read("""{"statusCode":204}""");

        Assert.Equal(204, read.StatusCode);
        Assert.Empty(read.Headers);
        Assert.Empty(read.Body);
    }

    [Fact]
    public void TryRead_NullMapsAndBody_Accepted()
    {
        var read = Read("""{"statusCode":200,"headers":null,"multiValueHeaders":null,"body":null,"isBase64Encoded":false}""");

        Assert.Empty(read.Body);
    }

    [Fact]
    public void TryRead_Base64Body_Decoded()
    {
        Assert.Equal([1, 2, 3], Read("""{"statusCode":200,"body":"AQID","isBase64Encoded":true}""").Body);
    }

    [Fact]
    public void TryRead_TextBody_Utf8()
    {
        Assert.Equal("é", Encoding.UTF8.GetString(Read("""{"statusCode":200,"body":"é"}""").Body));
    }

    [Theory]
    [InlineData("""{"statusCode":"200"}""")]
    [InlineData("""{"statusCode":99}""")]
    [InlineData("""{"statusCode":600}""")]
    [InlineData("""{"statusCode":200.5}""")]
    [InlineData("""{"statusCode":200,"headers":{"A":{"nested":1}}}""")]
    [InlineData("""{"statusCode":200,"multiValueHeaders":{"A":"not an array"}}""")]
    [InlineData("""{"statusCode":200,"isBase64Encoded":"yes"}""")]
    [InlineData("""{"statusCode":200,"headers":[]}""")]
    [InlineData("""{"statusCode":200""")]
    [InlineData("null")]
    public void TryRead_NotAProxyResponse_False(string json)
    {
        Assert.False(ProxyResponseReader.TryRead(Encoding.UTF8.GetBytes(json), out var response));
        Assert.Null(response);
    }

    private static ProxyResponse Read(string json)
    {
        Assert.True(ProxyResponseReader.TryRead(Encoding.UTF8.GetBytes(json), out var response));
        return response!;
    }
}

using System.Net.Http.Headers;
using OrderPipeline.Local.ApiGateway;
using static OrderPipeline.Local.Tests.ApiGateway.SigV4TestSuite;

namespace OrderPipeline.Local.Tests.ApiGateway;

// The local clients' signer must produce the Authorization headers of AWS's published test suite byte for byte
// (aws-sig-v4-test-suite; https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
public sealed class SigV4SigningHandlerTests
{
    [Theory]
    [InlineData("https://example.amazonaws.com/", GetVanillaAuthorization)]
    [InlineData("https://example.amazonaws.com/?Param2=value2&Param1=value1", GetVanillaQueryOrderKeyCaseAuthorization)]
    public async Task SignAsync_TestSuiteGet_WritesTheSuitesAuthorization(string url, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        await SigV4SigningHandler.SignAsync(request, Credentials, Region, Service, SignedAt, CancellationToken.None);

        Assert.Equal(expected, request.Headers.Authorization!.ToString());
        Assert.Equal([AmzDate], request.Headers.GetValues("X-Amz-Date"));
    }

    [Fact]
    public async Task SignAsync_TestSuitePostXWwwFormUrlencoded_WritesTheSuitesAuthorization()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/")
        {
            Content = new ByteArrayContent(FormBody) { Headers = { ContentType = new MediaTypeHeaderValue(FormContentType) } },
        };

        await SigV4SigningHandler.SignAsync(request, Credentials, Region, Service, SignedAt, CancellationToken.None);

        Assert.Equal(PostFormAuthorization, request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task SignAsync_StreamedBody_BufferedSoTheBytesSentAreTheBytesHashed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/")
        {
            Content = new StreamContent(new MemoryStream(FormBody)) { Headers = { ContentType = new MediaTypeHeaderValue(FormContentType) } },
        };

        await SigV4SigningHandler.SignAsync(request, Credentials, Region, Service, SignedAt, CancellationToken.None);

        Assert.Equal(PostFormAuthorization, request.Headers.Authorization!.ToString());
        Assert.Equal(FormBody, await request.Content!.ReadAsByteArrayAsync());
        Assert.Equal(FormContentType, request.Content.Headers.ContentType!.ToString());
    }
}

using System.Text;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.TestHelpers.Events;

namespace OrderPipeline.Local.Tests.ApiGateway;

public sealed class SampleRequestTests
{
    [Fact]
    public void Load_SampleOrderEvent_DecodesTheBase64BodyAndKeepsTheClientsHeadersOnly()
    {
        var request = SampleRequest.Load(Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder));

        Assert.Equal(("POST", "/orders"), (request.Method, request.Path));
        Assert.StartsWith("{", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
        Assert.Contains(request.Headers, header => header.Key == "Content-Type" && header.Value == "application/json");
        Assert.DoesNotContain(request.Headers, header => header.Key is "Host" or "X-Amzn-Trace-Id" or "X-Forwarded-For");
    }

    [Fact]
    public void Load_NotAProxyEvent_ThrowsNamingTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"Records":[]}""");

            var error = Assert.Throws<InvalidDataException>(() => SampleRequest.Load(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ToHttpRequest_ContentTypeHeader_GoesOnTheContent()
    {
        var sample = new SampleRequest("POST", "/orders", [new("Content-Type", "application/json"), new("Accept", "*/*")], "{}"u8.ToArray());

        using var request = sample.ToHttpRequest(new Uri("http://127.0.0.1:3000/v1/orders"));

        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("*/*", Assert.Single(request.Headers.Accept).MediaType);
        Assert.Equal("{}", await request.Content.ReadAsStringAsync());
    }
}

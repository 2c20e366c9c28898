using System.Net;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.XRay.Api;

public sealed class XRayApiTests
{
    [Theory]
    [InlineData("/Nope")]
    [InlineData("/traces")]
    [InlineData("/")]
    public async Task HandleAsync_UnknownPath_Answers404UnknownOperation(string path)
    {
        await using var api = await XRayApiClient.StartAsync(new TraceStore());

        var answer = await api.PostAsync(path, "{}");

        AssertError(answer, HttpStatusCode.NotFound, "UnknownOperationException");
    }

    [Fact]
    public async Task HandleAsync_GetOnAnOperationPath_Answers404UnknownOperation()
    {
        await using var api = await XRayApiClient.StartAsync(new TraceStore());

        var answer = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Traces"));

        AssertError(answer, HttpStatusCode.NotFound, "UnknownOperationException");
    }

    [Theory]
    [InlineData("/Traces", "{\"TraceIds\":")]
    [InlineData("/TraceSummaries", "not json")]
    [InlineData("/ServiceGraph", "[1,2]")]
    [InlineData("/Traces", "{\"TraceIds\":\"1-2-3\"}")]
    [InlineData("/Traces", "{\"TraceIds\":[1]}")]
    [InlineData("/TraceSummaries", "{\"StartTime\":true,\"EndTime\":1}")]
    [InlineData("/TraceSummaries", "{\"StartTime\":1,\"EndTime\":2,\"FilterExpression\":5}")]
    [InlineData("/TraceSummaries", "{\"StartTime\":1e400,\"EndTime\":1e400}")] // beyond a double: found by XRayApiFuzzTests (a 500 before)
    [InlineData("/ServiceGraph", "{\"StartTime\":1,\"EndTime\":-1e400}")]
    public async Task HandleAsync_BodyNotTheOperationsShape_Answers400SerializationException(string path, string body)
    {
        await using var api = await XRayApiClient.StartAsync(new TraceStore());

        var answer = await api.PostAsync(path, body);

        AssertError(answer, HttpStatusCode.BadRequest, "SerializationException");
    }

    [Theory]
    [InlineData("/Traces", "{}")]
    [InlineData("/Traces", "")]
    [InlineData("/TraceSummaries", "{\"StartTime\":1}")]
    [InlineData("/ServiceGraph", "{\"EndTime\":1}")]
    [InlineData("/ServiceGraph", "{\"StartTime\":2,\"EndTime\":1}")]
    public async Task HandleAsync_RequiredMemberMissingOrInvalid_Answers400InvalidRequest(string path, string body)
    {
        await using var api = await XRayApiClient.StartAsync(new TraceStore());

        var answer = await api.PostAsync(path, body);

        AssertError(answer, HttpStatusCode.BadRequest, "InvalidRequestException");
    }

    [Fact]
    public async Task HandleAsync_AnyAnswer_CarriesARequestId()
    {
        await using var api = await XRayApiClient.StartAsync(new TraceStore());

        var ok = await api.PostAsync("/Traces", "{\"TraceIds\":[\"1-5759e988-bd862e3fe1be46a994272793\"]}");
        var error = await api.PostAsync("/Nope", "{}");

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.True(Guid.TryParse(ok.RequestId, out _));
        Assert.True(Guid.TryParse(error.RequestId, out _));
        Assert.NotEqual(ok.RequestId, error.RequestId);
    }

    [Fact]
    public async Task HandleAsync_TimesAsIsoStrings_AreAccepted()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await api.PostAsync(
            "/TraceSummaries", """{"StartTime":"2025-11-26T05:00:00Z","EndTime":"2025-11-26T06:00:00Z"}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(3, answer.Body.GetProperty("TraceSummaries").GetArrayLength());
    }

    internal static void AssertError(XRayApiAnswer answer, HttpStatusCode status, string errorType)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(errorType, answer.ErrorType);
        Assert.Equal(errorType, answer.Body.GetProperty("__type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.Body.GetProperty("message").GetString()));
    }
}

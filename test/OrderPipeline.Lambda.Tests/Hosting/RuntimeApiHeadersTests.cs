using System.Text;
using OrderPipeline.Lambda.Hosting;

namespace OrderPipeline.Lambda.Tests.Hosting;

public sealed class RuntimeApiHeadersTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{}");

    [Fact]
    public void ReadInvocation_AllHeaders_ReadsEachOne()
    {
        using var response = Next(new()
        {
            ["Lambda-Runtime-Aws-Request-Id"] = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
            ["Lambda-Runtime-Deadline-Ms"] = "1542409706888",
            ["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime",
            ["Lambda-Runtime-Trace-Id"] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
        });

        var invocation = RuntimeApiHeaders.ReadInvocation(response.Headers, Body);

        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", invocation.RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1542409706888), invocation.Deadline);
        Assert.Equal("arn:aws:lambda:us-east-2:123456789012:function:custom-runtime", invocation.InvokedFunctionArn);
        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", invocation.TraceHeader);
        Assert.Same(Body, invocation.Event);
    }

    [Fact]
    public void ReadInvocation_NoTraceHeader_LeavesTraceNull()
    {
        using var response = Next(new()
        {
            ["Lambda-Runtime-Aws-Request-Id"] = "r-1",
            ["Lambda-Runtime-Deadline-Ms"] = "1542409706888",
        });

        var invocation = RuntimeApiHeaders.ReadInvocation(response.Headers, Body);

        Assert.Null(invocation.TraceHeader);
        Assert.Equal(string.Empty, invocation.InvokedFunctionArn);
    }

    [Fact]
    public void ReadInvocation_NoRequestId_Throws()
    {
        using var response = Next(new() { ["Lambda-Runtime-Deadline-Ms"] = "1542409706888" });

        Assert.Throws<RuntimeApiException>(() => RuntimeApiHeaders.ReadInvocation(response.Headers, Body));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void ReadInvocation_DeadlineNotEpochMilliseconds_Throws(string deadline)
    {
        using var response = Next(new()
        {
            ["Lambda-Runtime-Aws-Request-Id"] = "r-1",
            ["Lambda-Runtime-Deadline-Ms"] = deadline,
        });

        Assert.Throws<RuntimeApiException>(() => RuntimeApiHeaders.ReadInvocation(response.Headers, Body));
    }

    private static HttpResponseMessage Next(Dictionary<string, string> headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

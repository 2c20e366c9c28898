using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Lambda.Tests.Support;
using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Lambda.Tests;

public sealed class LambdaHostTests : IAsyncLifetime
{
    private HostHarness _host = null!;

    public async Task InitializeAsync() => _host = await HostHarness.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunAsync_InitializeThrows_PostsInitErrorAndReturnsNonZero()
    {
        _host.Start<ApiGatewayProxyRequest, ApiGatewayProxyResponse>(
            _ => throw new InvalidOperationException("QUEUE_URL is not set"),
            LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
            LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

        var post = await _host.Server.WaitForInitErrorAsync();
        var exitCode = await _host.ExitCodeAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Equal((RuntimeApiPostKind.InitError, "InvalidOperationException"), (post.Kind, post.ErrorType));
        var document = post.ReadBodyAsJson();
        Assert.Equal("QUEUE_URL is not set", document.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", document.GetProperty("errorType").GetString());
        Assert.NotEqual(0, document.GetProperty("stackTrace").GetArrayLength());
        var record = Assert.Single(LogLines.Parse(_host.Stdout));
        Assert.Equal(("FATAL", "InvalidOperationException"),
            (record.GetProperty("level").GetString(), record.GetProperty("errorType").GetString()));
    }

    [Fact]
    public async Task RunAsync_Startup_GetsTheEnvironmentAndClockAndALogger()
    {
        var seen = new TaskCompletionSource<LambdaStartup>();
        _host.Start(
            startup =>
            {
                seen.SetResult(startup);
                return new DelegateHandler<ApiGatewayProxyRequest, ApiGatewayProxyResponse>(
                    (_, _, _) => Task.FromResult(new ApiGatewayProxyResponse()));
            },
            LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
            LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

        var startup = await seen.Task.WaitAsync(RuntimeApiServer.WaitTimeout);

        Assert.Equal("orders-producer", startup.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME"));
        Assert.Same(_host.Time, startup.Time);
        Assert.True(startup.Logger.IsEnabled(LogLevel.Info));
        Assert.Equal(0, await _host.StopAsync());
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaitingForAnInvocation_ReturnsZero()
    {
        _host.StartProxy();
        var served = _host.Enqueue("{}");
        await _host.Server.WaitForResultAsync(served.RequestId);

        Assert.Equal(0, await _host.StopAsync());
    }

    [Fact]
    public async Task RunAsync_NextAnswers500_ReturnsNonZeroBeforeBeingStopped()
    {
        _host.StartProxy();
        _host.Server.EnqueueServerError();

        Assert.NotEqual(0, await _host.ExitCodeAsync());
    }

    [Fact]
    public async Task RunAsync_ResponsePostAnswers500_ReturnsNonZeroBeforeBeingStopped()
    {
        _host.StartProxy();
        _host.Server.FailNextPost();
        _host.Enqueue("{}");

        Assert.NotEqual(0, await _host.ExitCodeAsync());
    }

    [Fact]
    public async Task RunAsync_ErrorPostAnswers500_ReturnsNonZeroBeforeBeingStopped()
    {
        _host.StartProxy((_, _, _) => throw new InvalidOperationException("boom"));
        _host.Server.FailNextPost();
        _host.Enqueue("{}");

        Assert.NotEqual(0, await _host.ExitCodeAsync());
    }

    [Fact]
    public async Task RunAsync_RuntimeApiUnreachable_ReturnsNonZero()
    {
        _host.Variables["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:1";
        _host.StartProxy();

        Assert.NotEqual(0, await _host.ExitCodeAsync());
    }

    [Fact]
    public async Task RunAsync_RuntimeApiUnset_ReturnsNonZeroNamingTheVariable()
    {
        _host.Variables.Remove("AWS_LAMBDA_RUNTIME_API");
        _host.StartProxy();

        Assert.NotEqual(0, await _host.ExitCodeAsync());
        var record = Assert.Single(LogLines.Parse(_host.Stdout));
        Assert.Equal("AWS_LAMBDA_RUNTIME_API", record.GetProperty("variable").GetString());
        Assert.Empty(_host.Server.Posts);
    }
}

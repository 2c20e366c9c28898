using System.Collections.Concurrent;
using System.Diagnostics;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Tests.Support;
using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Lambda.Tests;

/// <summary>
/// The host calls the observers around every invocation and ends them before the outcome is posted: Lambda may freeze
/// the environment once it is (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
/// </summary>
public sealed class InvocationObserverTests : IAsyncLifetime
{
    private HostHarness _host = null!;

    public async Task InitializeAsync() => _host = await HostHarness.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Invocation_HandlerReturns_ObserversStartBeforeTheHandlerAndEndBeforeTheResponseIsPosted()
    {
        var events = new ConcurrentQueue<string>();
        var handlerSawActivity = new TaskCompletionSource<string?>();
        var first = new RecordingObserver("first", events, _host.Server);
        var second = new RecordingObserver("second", events, _host.Server);
        _host.Start(
            startup =>
            {
                startup.Observe(first);
                startup.Observe(second);
                return new DelegateHandler<ApiGatewayProxyRequest, ApiGatewayProxyResponse>((_, context, _) =>
                {
                    events.Enqueue("handler " + context.AwsRequestId);
                    handlerSawActivity.TrySetResult(Activity.Current?.DisplayName);
                    return Task.FromResult(new ApiGatewayProxyResponse { StatusCode = 200 });
                });
            },
            LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
            LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

        var invocation = _host.Enqueue("{}");
        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        Assert.Equal(RuntimeApiPostKind.Response, post.Kind);
        var id = invocation.RequestId;
        Assert.Equal(
            [$"start first {id}", $"start second {id}", $"handler {id}", $"end second {id} posts=0 error=", $"end first {id} posts=0 error="],
            events);
        Assert.Equal("second", await handlerSawActivity.Task);
        Assert.Equal(0, await _host.StopAsync());
    }

    [Fact]
    public async Task Invocation_HandlerThrows_ObserverEndsWithTheErrorBeforeTheErrorIsPosted()
    {
        var events = new ConcurrentQueue<string>();
        var observer = new RecordingObserver("only", events, _host.Server);
        _host.Start(
            startup =>
            {
                startup.Observe(observer);
                return new DelegateHandler<ApiGatewayProxyRequest, ApiGatewayProxyResponse>(
                    (_, _, _) => throw new InvalidOperationException("boom"));
            },
            LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
            LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

        var invocation = _host.Enqueue("{}");
        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        Assert.Equal(RuntimeApiPostKind.InvocationError, post.Kind);
        Assert.Equal($"end only {invocation.RequestId} posts=0 error=boom", events.Last());
        Assert.Equal(0, await _host.StopAsync());
    }

    [Fact]
    public async Task Invocation_EventCannotBeRead_ObserverEndsWithTheUnmarshalError()
    {
        var events = new ConcurrentQueue<string>();
        var observer = new RecordingObserver("only", events, _host.Server);
        _host.Start(
            startup =>
            {
                startup.Observe(observer);
                return new DelegateHandler<ApiGatewayProxyRequest, ApiGatewayProxyResponse>(
                    (_, _, _) => Task.FromResult(new ApiGatewayProxyResponse()));
            },
            LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
            LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

        var invocation = _host.EnqueueRaw("[1,2]");
        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        Assert.Equal(RuntimeApiPostKind.InvocationError, post.Kind);
        Assert.StartsWith($"end only {invocation.RequestId} posts=0 error=", events.Last());
        Assert.Equal(2, events.Count);
        Assert.Equal(0, await _host.StopAsync());
    }

    /// <summary>Starts an activity named after itself, and notes at its end how many outcomes had been posted.</summary>
    private sealed class RecordingObserver(string name, ConcurrentQueue<string> events, RuntimeApiServer server)
        : IInvocationObserver
    {
        private Activity? _activity;

        public void OnInvocationStart(ILambdaContext context)
        {
            events.Enqueue($"start {name} {context.AwsRequestId}");
            _activity = new Activity(name).Start();
        }

        public async ValueTask OnInvocationEndAsync(ILambdaContext context, Exception? failure)
        {
            await Task.Delay(20);
            var posted = server.Posts.Count(post => post.RequestId == context.AwsRequestId);
            events.Enqueue($"end {name} {context.AwsRequestId} posts={posted} error={failure?.Message}");
            _activity?.Stop();
        }
    }
}

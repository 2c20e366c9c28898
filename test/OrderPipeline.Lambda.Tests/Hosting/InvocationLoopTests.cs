using System.Text.Json;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Lambda.Tests.Support;
using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Lambda.Tests.Hosting;

/// <summary>The loop, driven through <see cref="LambdaHost"/> against a Runtime API on loopback.</summary>
public sealed class InvocationLoopTests : IAsyncLifetime
{
    private const string TraceHeader = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1";
    private HostHarness _host = null!;

    public async Task InitializeAsync() => _host = await HostHarness.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunAsync_Invocation_PostsTheHandlersResponseForItsRequestId()
    {
        _host.StartProxy();
        var invocation = _host.Enqueue("""{"customerId":"cust-42"}""");

        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        Assert.Equal((RuntimeApiPostKind.Response, invocation.RequestId), (post.Kind, post.RequestId));
        var response = JsonSerializer.Deserialize(post.Body, LambdaEventsJsonContext.Default.ApiGatewayProxyResponse)!;
        Assert.Equal((200, """{"customerId":"cust-42"}"""), (response.StatusCode, response.Body));
        Assert.StartsWith("application/json", post.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Null(post.ErrorType);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsErrorThenServesTheNextInvocation()
    {
        _host.StartProxy((request, _, _) => request.Body == "fail"
            ? throw new InvalidOperationException("queue unavailable")
            : Task.FromResult(new ApiGatewayProxyResponse { StatusCode = 202 }));
        var failing = _host.Enqueue("fail");
        var next = _host.Enqueue("ok");

        var error = await _host.Server.WaitForResultAsync(failing.RequestId);
        var response = await _host.Server.WaitForResultAsync(next.RequestId);

        Assert.Equal(RuntimeApiPostKind.InvocationError, error.Kind);
        Assert.Equal("InvalidOperationException", error.ErrorType);
        var document = error.ReadBodyAsJson();
        Assert.Equal("InvalidOperationException", document.GetProperty("errorType").GetString());
        Assert.Equal("queue unavailable", document.GetProperty("errorMessage").GetString());
        Assert.NotEqual(0, document.GetProperty("stackTrace").GetArrayLength());
        Assert.Equal(RuntimeApiPostKind.Response, response.Kind);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_LogsTheErrorForTheInvocationBeforePosting()
    {
        _host.StartProxy((_, _, _) => throw new InvalidOperationException("queue unavailable"));
        var invocation = _host.Enqueue("fail", TraceHeader);
        await _host.Server.WaitForResultAsync(invocation.RequestId);
        await _host.StopAsync();

        var record = Assert.Single(LogLines.Parse(_host.Stdout), line => line.GetProperty("level").GetString() == "ERROR");
        Assert.Equal(invocation.RequestId, record.GetProperty("requestId").GetString());
        Assert.Equal("1-67891233-abcdef012345678912345678", record.GetProperty("traceId").GetString());
        Assert.Equal("InvalidOperationException", record.GetProperty("errorType").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"isBase64Encoded":"yes"}""")]
    [InlineData("null")]
    public async Task RunAsync_UnreadableEvent_PostsUnmarshalErrorThenServesTheNextInvocation(string eventJson)
    {
        var handled = 0;
        _host.StartProxy((_, _, _) =>
        {
            Interlocked.Increment(ref handled);
            return Task.FromResult(new ApiGatewayProxyResponse { StatusCode = 200 });
        });
        var unreadable = _host.EnqueueRaw(eventJson);
        var next = _host.Enqueue("ok");

        var error = await _host.Server.WaitForResultAsync(unreadable.RequestId);
        var response = await _host.Server.WaitForResultAsync(next.RequestId);

        Assert.Equal((RuntimeApiPostKind.InvocationError, "Runtime.UnmarshalError"), (error.Kind, error.ErrorType));
        Assert.Equal("Runtime.UnmarshalError", error.ReadBodyAsJson().GetProperty("errorType").GetString());
        Assert.Equal(RuntimeApiPostKind.Response, response.Kind);
        Assert.Equal(1, handled);
    }

    [Fact]
    public async Task RunAsync_Invocation_ContextCarriesTheInvocationAndFunctionValues()
    {
        var seen = new TaskCompletionSource<(ILambdaContext Context, TimeSpan Remaining)>();
        _host.StartProxy((_, context, _) =>
        {
            seen.SetResult((context, context.RemainingTime));
            return Task.FromResult(new ApiGatewayProxyResponse());
        });
        var invocation = _host.Enqueue("{}", TraceHeader);

        var (context, remaining) = await seen.Task.WaitAsync(RuntimeApiServer.WaitTimeout);

        Assert.Equal(invocation.RequestId, context.AwsRequestId);
        Assert.Equal(invocation.InvokedFunctionArn, context.InvokedFunctionArn);
        Assert.Equal(TraceHeader, context.TraceHeader);
        Assert.Equal(HostHarness.StartTime.AddMinutes(5), context.Deadline);
        Assert.Equal(TimeSpan.FromMinutes(5), remaining);
        Assert.Equal(("orders-producer", "7", 256), (context.FunctionName, context.FunctionVersion, context.MemoryLimitInMB));
    }

    [Fact]
    public async Task RunAsync_Invocation_ContextIsCurrentThroughoutTheHandlerOnly()
    {
        var seen = new TaskCompletionSource<(ILambdaContext Given, ILambdaContext? Before, ILambdaContext? AfterAwait)>();
        _host.StartProxy(async (_, context, _) =>
        {
            var before = LambdaContextAccessor.Current;
            await Task.Yield();
            seen.SetResult((context, before, LambdaContextAccessor.Current));
            return new ApiGatewayProxyResponse();
        });
        _host.Enqueue("{}");
        var (given, before, afterAwait) = await seen.Task.WaitAsync(RuntimeApiServer.WaitTimeout);

        _host.Server.EnqueueServerError();
        await _host.ExitCodeAsync();

        Assert.Same(given, before);
        Assert.Same(given, afterAwait);
        var fatal = Assert.Single(LogLines.Parse(_host.Stdout), line => line.GetProperty("level").GetString() == "FATAL");
        Assert.False(fatal.TryGetProperty("requestId", out _));
    }

    [Fact]
    public async Task RunAsync_TraceHeader_SetsTheTraceVariableForEachInvocation()
    {
        _host.StartProxy();
        var traced = _host.Enqueue("{}", TraceHeader);
        var untraced = _host.Enqueue("{}");

        await _host.Server.WaitForResultAsync(traced.RequestId);
        await _host.Server.WaitForResultAsync(untraced.RequestId);

        Assert.Equal([("_X_AMZN_TRACE_ID", TraceHeader), ("_X_AMZN_TRACE_ID", null)], _host.VariablesSet);
    }

    [Fact]
    public async Task RunAsync_HandlerLogs_LinesCarryTheRequestIdAndTraceRoot()
    {
        _host.StartProxy((_, context, _) =>
        {
            context.Logger.Info("Order accepted", ("items", 3));
            return Task.FromResult(new ApiGatewayProxyResponse());
        });
        var invocation = _host.Enqueue("{}", TraceHeader);
        await _host.Server.WaitForResultAsync(invocation.RequestId);
        await _host.StopAsync();

        var record = Assert.Single(LogLines.Parse(_host.Stdout), line => line.TryGetProperty("items", out _));
        Assert.Equal(invocation.RequestId, record.GetProperty("requestId").GetString());
        Assert.Equal("1-67891233-abcdef012345678912345678", record.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task RunAsync_LogLevelSetToError_LeavesInfoLinesOut()
    {
        _host.Variables["AWS_LAMBDA_LOG_LEVEL"] = "ERROR";
        _host.StartProxy((_, context, _) =>
        {
            context.Logger.Info("Order accepted");
            context.Logger.Error(null, "Order rejected");
            return Task.FromResult(new ApiGatewayProxyResponse());
        });
        var invocation = _host.Enqueue("{}");
        await _host.Server.WaitForResultAsync(invocation.RequestId);
        await _host.StopAsync();

        Assert.Equal(["ERROR"], LogLines.Parse(_host.Stdout).Select(line => line.GetProperty("level").GetString()));
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(600_000, false)]
    public async Task RunAsync_Deadline_CancelsTheHandlerTokenWithinTheSafetyMargin(int millisecondsLeft, bool cancelled)
    {
        var seen = new TaskCompletionSource<bool>();
        _host.StartProxy((_, _, token) =>
        {
            seen.SetResult(token.IsCancellationRequested);
            return Task.FromResult(new ApiGatewayProxyResponse());
        });
        _host.Server.Enqueue(new RuntimeApiInvocation("r-deadline", "{}"u8.ToArray())
        {
            Deadline = HostHarness.StartTime.AddMilliseconds(millisecondsLeft),
        });

        Assert.Equal(cancelled, await seen.Task.WaitAsync(RuntimeApiServer.WaitTimeout));
    }

    [Fact]
    public async Task RunAsync_StoppedDuringTheHandler_CancelsItsTokenAndPostsNothing()
    {
        var started = new TaskCompletionSource();
        var cancelled = false;
        _host.StartProxy(async (_, _, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }

            return new ApiGatewayProxyResponse();
        });
        _host.Enqueue("{}");
        await started.Task.WaitAsync(RuntimeApiServer.WaitTimeout);

        var exitCode = await _host.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.True(cancelled);
        Assert.Empty(_host.Server.Posts);
    }

    [Fact]
    public async Task RunAsync_ClientContextAndCognitoHeaders_ReachTheHandlersContext()
    {
        var seen = new TaskCompletionSource<(ClientContext? ClientContext, CognitoIdentity? Identity)>();
        _host.StartProxy((_, context, _) =>
        {
            seen.SetResult((context.ClientContext, context.Identity));
            return Task.FromResult(new ApiGatewayProxyResponse());
        });
        _host.Server.Enqueue(new RuntimeApiInvocation(Guid.NewGuid().ToString(), "{}"u8.ToArray())
        {
            ClientContext = """{"client":{"installation_id":"inst-1","app_title":"Orders"},"custom":{"tenant":"acme"},"env":{"platform":"iOS"}}""",
            CognitoIdentity = """{"cognitoIdentityId":"eu-west-1:1f2e3d4c","cognitoIdentityPoolId":"eu-west-1:pool-9"}""",
        });

        var (clientContext, identity) = await seen.Task.WaitAsync(RuntimeApiServer.WaitTimeout);

        Assert.Equal(("inst-1", "Orders"), (clientContext?.Client?.InstallationId, clientContext?.Client?.AppTitle));
        Assert.Equal("acme", clientContext?.Custom["tenant"]);
        Assert.Equal("iOS", clientContext?.Environment["platform"]);
        Assert.Equal(new CognitoIdentity("eu-west-1:1f2e3d4c", "eu-west-1:pool-9"), identity);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{not json")]
    public async Task RunAsync_ClientContextAndCognitoHeadersAbsentOrBroken_ContextHasNeitherAndTheHandlerRuns(string? header)
    {
        _host.StartProxy((_, context, _) => Task.FromResult(new ApiGatewayProxyResponse
        {
            StatusCode = context.ClientContext is null && context.Identity is null ? 200 : 500,
        }));
        var invocation = new RuntimeApiInvocation(Guid.NewGuid().ToString(), "{}"u8.ToArray())
        {
            ClientContext = header,
            CognitoIdentity = header,
        };
        _host.Server.Enqueue(invocation);

        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        Assert.Equal(RuntimeApiPostKind.Response, post.Kind);
        Assert.Equal(200, post.ReadBodyAsJson().GetProperty("statusCode").GetInt32());
    }
}

using OrderPipeline.Lambda.Hosting;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Lambda.Tests.Support;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Lambda.Tests.Hosting;

public sealed class LambdaContextTests
{
    private static readonly Invocation Invocation = new(
        "r-1",
        HostHarness.StartTime.AddSeconds(3),
        "arn:aws:lambda:eu-west-1:123456789012:function:orders-producer:live",
        "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1",
        []);

    private static readonly LambdaEnvironment Environment = new("127.0.0.1:9001", "orders-producer", "7", 256, LogLevel.Info);

    [Fact]
    public void Properties_ComeFromTheInvocationAndTheEnvironment()
    {
        var logger = new TestLambdaLogger();

        var context = new LambdaContext(Invocation, Environment, logger, new ManualTimeProvider(HostHarness.StartTime));

        Assert.Equal("r-1", context.AwsRequestId);
        Assert.Equal(Invocation.InvokedFunctionArn, context.InvokedFunctionArn);
        Assert.Equal(Invocation.TraceHeader, context.TraceHeader);
        Assert.Equal(Invocation.Deadline, context.Deadline);
        Assert.Equal(("orders-producer", "7", 256), (context.FunctionName, context.FunctionVersion, context.MemoryLimitInMB));
        Assert.Same(logger, context.Logger);
    }

    [Fact]
    public void RemainingTime_AsTheClockMoves_IsDeadlineMinusNow()
    {
        var time = new ManualTimeProvider(HostHarness.StartTime);
        var context = new LambdaContext(Invocation, Environment, new TestLambdaLogger(), time);

        var atStart = context.RemainingTime;
        time.Now = HostHarness.StartTime.AddSeconds(4);

        Assert.Equal(TimeSpan.FromSeconds(3), atStart);
        Assert.Equal(TimeSpan.FromSeconds(-1), context.RemainingTime);
    }

    [Fact]
    public void ClientContextAndIdentity_ReadTwice_AreParsedOnce()
    {
        var invocation = Invocation with
        {
            ClientContext = """{"custom":{"tenant":"acme"}}""",
            CognitoIdentity = """{"cognitoIdentityId":"id-1"}""",
        };
        var context = new LambdaContext(invocation, Environment, new TestLambdaLogger(), new ManualTimeProvider(HostHarness.StartTime));

        Assert.Same(context.ClientContext, context.ClientContext);
        Assert.Same(context.Identity, context.Identity);
        Assert.Equal("acme", context.ClientContext?.Custom["tenant"]);
        Assert.Equal("id-1", context.Identity?.IdentityId);
    }

    [Fact]
    public void ClientContextAndIdentity_HeadersNotJson_AreNullAndNeverThrow()
    {
        var invocation = Invocation with { ClientContext = "{\"client\":", CognitoIdentity = "]" };
        var context = new LambdaContext(invocation, Environment, new TestLambdaLogger(), new ManualTimeProvider(HostHarness.StartTime));

        Assert.Null(context.ClientContext);
        Assert.Null(context.Identity);
    }
}

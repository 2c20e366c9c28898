using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

public sealed partial class SqsEventSourceMappingTests
{
    [Fact]
    public async Task Start_WhenReceivesFail_BacksOffAndKeepsPolling()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        _host.Service.FailNext("ReceiveMessage", 2, SqsError.InternalError());
        _host.Service.FailNext("DeleteMessageBatch", 1, SqsError.RequestThrottled());
        await SendAsync("first");
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty));

        Mapping(invoker, batchSize: 10).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Sum(outcome => outcome.DeletedCount) == 1, "the record is deleted");

        var faults = _recorded.Faults.Select(fault => (fault.Operation, fault.RetryIn)).ToList();
        Assert.Equal(
            [("ReceiveMessage", RetryBackoff.DefaultInitial), ("ReceiveMessage", RetryBackoff.DefaultInitial * 2),
             ("DeleteMessageBatch", RetryBackoff.DefaultInitial)],
            faults);
        Assert.Single(invoker.Invocations);
        Assert.Equal((0, 0), await CountsAsync(QueueUrl));
    }

    [Fact]
    public async Task Start_WhenTheEndpointIsDown_ReportsFaultsWithGrowingBackoffUntilStopped()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        using var unreachable = Client("http://127.0.0.1:9");
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty));
        var mapping = Mapping(invoker, batchSize: 10, sqs: unreachable);

        mapping.Start();
        await Eventually.HoldsAsync(() => _recorded.Faults.Count >= 3, "three receives have failed");
        await mapping.StopAsync(CancellationToken.None);

        Assert.Equal(
            [RetryBackoff.DefaultInitial, RetryBackoff.DefaultInitial * 2, RetryBackoff.DefaultInitial * 4],
            _recorded.Faults.Take(3).Select(fault => fault.RetryIn));
        Assert.All(_recorded.Faults, fault => Assert.Equal("ReceiveMessage", fault.Operation));
        Assert.Empty(invoker.Invocations);
    }

    [Fact]
    public async Task Start_WhenTheInvokerThrows_KeepsTheRecordsAndPolling()
    {
        CreateQueue(TimeSpan.FromSeconds(1));
        await SendAsync("first");
        var calls = 0;
        var invoker = new FakeFunctionInvoker(_ => Interlocked.Increment(ref calls) == 1
            ? throw new KeyNotFoundException("No function ConsumerFunction.")
            : FakeFunctionInvoker.Success(string.Empty));

        Mapping(invoker, batchSize: 10).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Sum(outcome => outcome.DeletedCount) == 1, "the record is deleted");

        var fault = Assert.Single(_recorded.Faults);
        Assert.Equal(("Invoke", "No function ConsumerFunction."), (fault.Operation, fault.Detail));
        Assert.Equal(["1", "2"], invoker.Invocations.SelectMany(invocation => invocation.ReceiveCounts));
        Assert.Null(_recorded.Outcomes[0].Result);
    }
}

using System.Text.Json;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using SqsEndpoint = OrderPipeline.TestHelpers.Sqs.SqsEndpoint;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

public sealed partial class SqsEventSourceMappingTests
{
    [Fact]
    public async Task Start_OnAnEmptyQueue_LongPollsWithLambdasReceiveParameters()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue(QueueName);
        using var sqs = Client(endpoint.ServiceUrl);
        var mapping = Mapping(new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty)), batchSize: 25,
            windowSeconds: 1, waitTimeSeconds: 20, sqs: sqs, queueUrl: queueUrl);

        mapping.Start();
        await Eventually.HoldsAsync(() => endpoint.Requests.Any(r => r.Operation == "ReceiveMessage"), "a receive is waiting");

        await mapping.StopAsync(CancellationToken.None);
        Assert.Equal(
            $"{{\"QueueUrl\":\"{queueUrl}\",\"MaxNumberOfMessages\":10,\"WaitTimeSeconds\":20,"
            + "\"MessageSystemAttributeNames\":[\"All\"],\"MessageAttributeNames\":[\"All\"]}",
            NormalizedJson(endpoint.Requests.Single(r => r.Operation == "ReceiveMessage").BodyText));
    }

    [Fact]
    public async Task StopAsync_DuringALongPoll_EndsItWithoutWaitingForTheQueue()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue(QueueName);
        using var sqs = Client(endpoint.ServiceUrl);
        var mapping = Mapping(new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty)), batchSize: 10,
            waitTimeSeconds: 20, sqs: sqs, queueUrl: queueUrl);
        mapping.Start();
        await Eventually.HoldsAsync(() => endpoint.Requests.Any(r => r.Operation == "ReceiveMessage"), "a receive is waiting");

        // Well inside the 20 s long poll: only cancelling it lets the stop finish in time.
        await mapping.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, mapping.ActivePollers);
    }

    [Fact]
    public async Task StopAsync_WithAnInvocationInFlight_WaitsForItAndDeletesTheBatch()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        await SendAsync("first");
        var release = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var invoker = new FakeFunctionInvoker(_ => release.Task);
        var mapping = Mapping(invoker, batchSize: 10);
        mapping.Start();
        await Eventually.HoldsAsync(() => invoker.Invocations.Count == 1, "the function is invoked");

        var stopping = mapping.StopAsync(CancellationToken.None);
        var stoppedEarly = stopping.IsCompleted;
        release.SetResult(FakeFunctionInvoker.Success(string.Empty));
        await stopping;

        Assert.False(stoppedEarly);
        Assert.Equal(1, Assert.Single(_recorded.Outcomes).DeletedCount);
        Assert.Equal((0, 0), await CountsAsync(QueueUrl));
    }

    [Fact]
    public async Task Start_WhileBatchesComeBackFull_AddsPollersUpToMaximumConcurrency()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        await SendAsync("1", "2", "3", "4", "5", "6");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var invoker = new FakeFunctionInvoker(async _ =>
        {
            await release.Task;
            return FakeFunctionInvoker.Success(string.Empty);
        });
        var mapping = Mapping(invoker, batchSize: 1, maximumConcurrency: 3);

        mapping.Start();
        await Eventually.HoldsAsync(() => invoker.Invocations.Count == 3, "three batches are in flight");
        var pollersWhileBusy = mapping.ActivePollers;
        release.SetResult();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Count == 6, "every batch is settled");

        Assert.Equal(3, pollersWhileBusy);
        Assert.Equal(3, invoker.MaxInFlight);
        Assert.All(invoker.Invocations, invocation => Assert.Single(invocation.MessageIds));
    }

    // "When messages are available, Lambda starts processing five batches at a time with five concurrent invocations";
    // with MaximumConcurrency set it keeps them on a quiet queue, and never runs more than MaximumConcurrency.
    // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
    [Theory]
    [InlineData(10, 5)]
    [InlineData(2, 2)]
    public async Task Start_LambdasFivePollers_BoundedByMaximumConcurrencyAndKeptOnAQuietQueue(int maximumConcurrency, int expected)
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue(QueueName);
        using var sqs = Client(endpoint.ServiceUrl);
        var mapping = Mapping(new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty)), batchSize: 10,
            maximumConcurrency: maximumConcurrency, sqs: sqs, queueUrl: queueUrl,
            initialPollers: SqsEventSourceMappingSettings.LambdaInitialPollers);

        mapping.Start();
        var started = mapping.ActivePollers;
        await Eventually.HoldsAsync(
            () => endpoint.Requests.Count(r => r.Operation == "ReceiveMessage") >= 4 * expected, "every poller has found the queue empty");
        var afterEmptyPolls = mapping.ActivePollers;
        await mapping.StopAsync(CancellationToken.None);

        Assert.Equal((expected, expected), (started, afterEmptyPolls));
    }

    // A throttled invocation deletes nothing: the records come back after the visibility timeout. Lambda "gradually backs
    // off retries by reducing the amount of concurrency allocated to your Amazon SQS event source mapping": a throttled
    // poller retires while another remains, the last waits a doubling delay, and the pollers return once invocations go
    // through. https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
    [Fact]
    public async Task Start_WhenLambdaThrottles_BacksOffToOnePollerAndTheRecordsComeBack()
    {
        CreateQueue(TimeSpan.FromSeconds(1));
        await SendAsync("first");
        var calls = 0;
        var invoker = new FakeFunctionInvoker(_ => Interlocked.Increment(ref calls) <= 3
            ? throw new TooManyRequestsException(TooManyRequestsException.AccountLimit)
            : FakeFunctionInvoker.Success(string.Empty));
        var mapping = Mapping(invoker, batchSize: 10, maximumConcurrency: 2, initialPollers: SqsEventSourceMappingSettings.LambdaInitialPollers);

        mapping.Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Sum(outcome => outcome.DeletedCount) == 1, "the record is deleted");
        await Eventually.HoldsAsync(() => mapping.ActivePollers == 2, "the pollers are back");

        Assert.Equal(["1", "2", "3", "4"], invoker.Invocations.Select(invocation => invocation.ReceiveCountOf("first")));
        Assert.Equal([true, true, true, false], _recorded.Outcomes.Select(outcome => outcome.Throttled));
        Assert.All(_recorded.Outcomes.Take(3), outcome => Assert.Equal(
            (0, "TooManyRequestsException: Rate Exceeded. (ConcurrentInvocationLimitExceeded)"), (outcome.DeletedCount, outcome.Verdict.Reason)));
        Assert.Equal(
            [("Invoke", (TimeSpan?)null), ("Invoke", RetryBackoff.DefaultInitial), ("Invoke", RetryBackoff.DefaultInitial * 2)],
            _recorded.Faults.Select(fault => (fault.Operation, fault.RetryIn)));
        Assert.Equal((0, 0), await CountsAsync(QueueUrl));
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        var mapping = Mapping(new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty)), batchSize: 10);
        mapping.Start();

        Assert.Throws<InvalidOperationException>(mapping.Start);
    }

    /// <summary>The request body with its properties sorted as the assertion lists them, whatever order the SDK chose.</summary>
    private static string NormalizedJson(string body)
    {
        using var document = JsonDocument.Parse(body);
        string[] order = ["QueueUrl", "MaxNumberOfMessages", "WaitTimeSeconds", "MessageSystemAttributeNames", "MessageAttributeNames"];
        var properties = document.RootElement.EnumerateObject()
            .OrderBy(property => Array.IndexOf(order, property.Name) is var index and >= 0 ? index : int.MaxValue)
            .Select(property => $"\"{property.Name}\":{property.Value.GetRawText()}");
        return "{" + string.Join(",", properties) + "}";
    }
}

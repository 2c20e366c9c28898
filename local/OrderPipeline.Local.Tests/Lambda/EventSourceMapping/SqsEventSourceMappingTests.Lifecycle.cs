using System.Text.Json;
using OrderPipeline.Local.Lambda;
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

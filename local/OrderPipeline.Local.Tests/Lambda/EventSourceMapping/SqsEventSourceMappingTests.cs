using System.Text;
using Amazon.Runtime;
using Amazon.SQS;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

// Each test runs the mapping against the real local SQS endpoint through AWSSDK.SQS (no SDK retries, so the mapping's
// own back-off is what recovers) and a fake function, starting one poller (Lambda's five where a test says so) so that
// a test can follow its back-off. Long polls last 1 s: the local endpoint ends a long poll when a
// message is sent, not when one becomes visible again, so Lambda's 20 s would only slow redelivery down.
public sealed partial class SqsEventSourceMappingTests : IAsyncLifetime
{
    private const string FunctionName = "ConsumerFunction";
    private const string QueueName = "orders";
    private const string DeadLetterQueueName = "orders-dlq";

    private readonly TraceStore _store = new();
    private readonly MappingEventsRecorder _recorded = new();
    private readonly List<SqsEventSourceMapping> _mappings = [];
    private LocalSqsHost _host = null!;
    private AmazonSQSClient _sqs = null!;

    private string QueueUrl => SqsService.QueueUrl(_host.ServiceUrl, QueueName);

    public async Task InitializeAsync()
    {
        _host = await LocalSqsHost.StartAsync(0, null, CancellationToken.None);
        _sqs = Client(_host.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        foreach (var mapping in _mappings)
        {
            await mapping.DisposeAsync();
        }

        _sqs.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Start_WhenEveryRecordSucceeds_DeletesTheWholeBatch()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        await SendAsync("first", "second", "third");
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success("null"));

        Mapping(invoker, batchSize: 10).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Sum(outcome => outcome.DeletedCount) == 3, "3 records are deleted");

        Assert.Equal(["first", "second", "third"], invoker.Invocations.SelectMany(i => i.Bodies).Order(StringComparer.Ordinal));
        Assert.Equal((0, 0), await CountsAsync(QueueUrl));
    }

    [Fact]
    public async Task Start_WithPartialBatchFailure_RedeliversOnlyTheFailedRecordUntilItIsDeadLettered()
    {
        _host.Service.CreateQueue(DeadLetterQueueName);
        CreateQueue(TimeSpan.FromSeconds(1), new SqsRedrivePolicy(_host.Service.QueueArn(DeadLetterQueueName), 2));
        await SendAsync("good", "poison");
        var invoker = new FakeFunctionInvoker(invocation => FakeFunctionInvoker.Success(
            invocation.Bodies.Contains("poison")
                ? $"{{\"batchItemFailures\":[{{\"itemIdentifier\":\"{invocation.MessageIdOf("poison")}\"}}]}}"
                : "{\"batchItemFailures\":[]}"));

        Mapping(invoker, batchSize: 10, reportFailures: true).Start();
        var deadLetterUrl = SqsService.QueueUrl(_host.ServiceUrl, DeadLetterQueueName);
        await Eventually.HoldsAsync(async () => (await CountsAsync(deadLetterUrl)).Visible == 1, "the DLQ holds a message");

        var bodies = invoker.Invocations.SelectMany(invocation => invocation.Bodies).ToList();
        Assert.Single(bodies, body => body == "good");
        Assert.Equal(2, bodies.Count(body => body == "poison"));
        Assert.Equal(["1", "2"], invoker.Invocations.Where(i => i.Bodies.Contains("poison")).Select(i => i.ReceiveCountOf("poison")));
        Assert.Equal((0, 0), await CountsAsync(QueueUrl));
        var deadLettered = await _sqs.ReceiveMessageAsync(deadLetterUrl);
        Assert.Equal("poison", Assert.Single(deadLettered.Messages).Body);
    }

    [Fact]
    public async Task Start_WhenTheInvocationFails_DeletesNothing()
    {
        CreateQueue(TimeSpan.FromSeconds(1));
        await SendAsync("first", "second");
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Failure("Sandbox.Timedout", "Task timed out"));

        Mapping(invoker, batchSize: 10, reportFailures: true).Start();
        await Eventually.HoldsAsync(
            () => invoker.Invocations.Any(i => i.ReceiveCounts.Contains("2")), "the records come back a second time");

        var first = _recorded.Outcomes[0];
        Assert.Equal((2, 0), (first.RecordCount, first.DeletedCount));
        Assert.Equal(first.Verdict.FailedMessageIds.Order(StringComparer.Ordinal),
            invoker.Invocations[0].MessageIds.Order(StringComparer.Ordinal));
        Assert.Equal("Sandbox.Timedout: Task timed out", first.Verdict.Reason);
    }

    [Fact]
    public async Task Start_WithoutReportBatchItemFailures_DeletesEveryRecordWhateverTheResponse()
    {
        CreateQueue(TimeSpan.FromSeconds(1));
        await SendAsync("first");
        var invoker = new FakeFunctionInvoker(invocation => FakeFunctionInvoker.Success(
            $"{{\"batchItemFailures\":[{{\"itemIdentifier\":\"{invocation.MessageIds[0]}\"}}]}}"));

        Mapping(invoker, batchSize: 10, reportFailures: false).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Count == 1, "the batch is settled");

        Assert.Equal(1, _recorded.Outcomes[0].DeletedCount);
        Assert.Equal((0, 0), await CountsAsync(QueueUrl));
    }

    [Fact]
    public async Task Start_WithUnknownItemIdentifier_FailsTheWholeBatch()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        await SendAsync("first", "second");
        var invoker = new FakeFunctionInvoker(_ =>
            FakeFunctionInvoker.Success("{\"batchItemFailures\":[{\"itemIdentifier\":\"not-a-message-id\"}]}"));

        Mapping(invoker, batchSize: 10, reportFailures: true).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Count == 1, "the batch is settled");

        Assert.Equal((2, 0), (_recorded.Outcomes[0].RecordCount, _recorded.Outcomes[0].DeletedCount));
        Assert.Equal((0, 2), await CountsAsync(QueueUrl));
    }

    [Fact]
    public async Task Start_WithBatchingWindow_GathersSeveralSendsIntoOneInvocation()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty));

        Mapping(invoker, batchSize: 10, windowSeconds: 3).Start();
        await SendAsync("first");
        await SendAsync("second");
        await SendAsync("third");
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Sum(outcome => outcome.DeletedCount) == 3, "3 records are deleted");

        var invocation = Assert.Single(invoker.Invocations);
        Assert.Equal(["first", "second", "third"], invocation.Bodies.Order(StringComparer.Ordinal));
    }

    // "If none of your filters are satisfied, Lambda discards the record" and, for SQS, deletes the message
    // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
    [Fact]
    public async Task Start_WithFilterCriteria_InvokesWithMatchingRecordsAndDeletesTheOthers()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        await SendAsync("""{"kind":"order","id":1}""", """{"kind":"refund","id":2}""", "plain text", """{"kind":"order","id":3}""");
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success("null"));

        Mapping(invoker, batchSize: 10, windowSeconds: 1, filter: SqsEventFilter.Parse(["""{"body":{"kind":["order"]}}"""])).Start();
        await Eventually.HoldsAsync(async () => await CountsAsync(QueueUrl) == (0, 0), "the queue is empty");

        Assert.Equal(
            ["""{"kind":"order","id":1}""", """{"kind":"order","id":3}"""],
            invoker.Invocations.SelectMany(invocation => invocation.Bodies).Order(StringComparer.Ordinal));
    }

    // A disabled mapping ("Enabled: false") keeps its configuration and reads nothing from the queue
    // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sqs.html#sam-function-sqs-enabled).
    [Fact]
    public async Task Start_Disabled_PollsNothingAndLeavesTheMessagesInTheQueue()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        await SendAsync("waits");
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success("null"));
        var mapping = Mapping(invoker, batchSize: 10, enabled: false);

        mapping.Start();
        var pollers = mapping.ActivePollers;
        await mapping.StopAsync(CancellationToken.None);

        Assert.Equal(0, pollers);
        Assert.Empty(invoker.Invocations);
        Assert.Equal((1, 0), await CountsAsync(QueueUrl));
    }

    // Lambda passes a batch "up to the payload limit for synchronous invocation (6 MB)"
    // (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#lambda-CreateEventSourceMapping-request-BatchSize,
    // https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): seven 1 MB messages are two invocations.
    [Fact]
    public async Task Start_BatchOverTheSynchronousPayloadLimit_InvokesSeveralTimesWithFewerRecords()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        var bodies = Enumerable.Range(0, 7).Select(i => $"{i}{new string('x', 999_999)}").ToArray();
        await SendAsync(bodies);
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success("null"));

        Mapping(invoker, batchSize: 10, windowSeconds: 1).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Sum(outcome => outcome.DeletedCount) == 7, "7 records are deleted");

        var invocations = invoker.Invocations;
        Assert.Equal([6, 1], invocations.Select(invocation => invocation.Bodies.Count));
        Assert.All(invocations, invocation =>
            Assert.InRange(Encoding.UTF8.GetByteCount(invocation.Payload), 1, SqsEventSourceMappingSettings.MaxSynchronousPayloadBytes));
        Assert.Equal(bodies, invocations.SelectMany(invocation => invocation.Bodies).Order(StringComparer.Ordinal));
    }

    private SqsEventSourceMapping Mapping(
        IFunctionInvoker invoker,
        int batchSize,
        int windowSeconds = 0,
        bool reportFailures = false,
        int? maximumConcurrency = null,
        int waitTimeSeconds = 1,
        IAmazonSQS? sqs = null,
        string? queueUrl = null,
        SqsEventFilter? filter = null,
        bool enabled = true,
        int initialPollers = 1,
        XRaySampler? sampler = null)
    {
        var settings = new SqsEventSourceMappingSettings(
            FunctionName,
            "OrdersQueueEvent",
            _host.Service.QueueArn(QueueName),
            batchSize,
            windowSeconds,
            reportFailures ? [SqsEventSourceMappingSettings.ReportBatchItemFailures] : [],
            maximumConcurrency ?? SqsEventSourceMappingSettings.DefaultMaximumConcurrency,
            enabled,
            filter)
        {
            QueueUrl = queueUrl ?? QueueUrl,
            WaitTimeSeconds = waitTimeSeconds,
            InitialPollers = initialPollers,
        };
        var mapping = new SqsEventSourceMapping(
            settings, sqs ?? _sqs, invoker, _store, TimeProvider.System, sampler ?? XRaySampler.SampleAll, _recorded.Events);
        _mappings.Add(mapping);
        return mapping;
    }

    private void CreateQueue(TimeSpan visibilityTimeout, SqsRedrivePolicy? redrive = null) =>
        _host.Service.CreateQueue(QueueName, new SqsQueueSettings(visibilityTimeout, RedrivePolicy: redrive));

    private async Task SendAsync(params string[] bodies)
    {
        foreach (var body in bodies)
        {
            await _sqs.SendMessageAsync(QueueUrl, body);
        }
    }

    private async Task<(int Visible, int NotVisible)> CountsAsync(string queueUrl)
    {
        var attributes = await _sqs.GetQueueAttributesAsync(
            queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
    }

    private static AmazonSQSClient Client(string serviceUrl) =>
        new(new BasicAWSCredentials("test", "test"), new AmazonSQSConfig
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
}

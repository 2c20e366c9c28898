using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Sqs;
using OrderPipeline.Tracing.AwsSdk;

namespace OrderPipeline.Tracing.Tests.AwsSdk;

public sealed class AwsSdkTracingTests : IAsyncLifetime
{
    // The documented example: the header is forwarded whatever the age of its trace id.
    private const string Root = "1-5759e988-bd862e3fe1be46a994272793";
    private const string Lineage = "Lineage=a87bd80c:1|68fd508a:5";
    private const string Region = "us-east-1";

    private SqsEndpoint _endpoint = null!;
    private AmazonSQSClient _client = null!;
    private string _queueUrl = null!;

    public AwsSdkTracingTests() => AwsSdkTracing.Register();

    public async Task InitializeAsync()
    {
        _endpoint = await SqsEndpoint.StartAsync();
        _queueUrl = _endpoint.CreateQueue("orders");
        _client = new AmazonSQSClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonSQSConfig { ServiceURL = _endpoint.ServiceUrl, AuthenticationRegion = Region });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task SendMessage_RecordedParent_SendsHeaderAndAttributeNamingTheSdkActivity()
    {
        using var recorder = new ActivityRecorder();
        using (var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled)))
        {
            await _client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello"));
            var sdk = Assert.Single(recorder.ChildrenOf(parent));

            var expected = $"Root={Root};Parent={sdk.SpanId.ToHexString()};Sampled=1;{Lineage}";
            Assert.Equal(expected, Assert.Single(_endpoint.Messages).AwsTraceHeader);
            Assert.Equal(expected, SentHeaders("SendMessage").Single());
            Assert.Same(parent, Activity.Current);
        }
    }

    [Fact]
    public async Task SendMessage_ParentCarryingLineage_SendsNoTraceStateAndLineageVerbatimInTheTraceHeaders()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled));

        await _client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello"));

        // .NET's HTTP stack writes an activity's trace state as the W3C tracestate header, whose keys must be lowercase
        // (https://www.w3.org/TR/trace-context/#key): the header's other fields are for X-Amzn-Trace-Id and AWSTraceHeader alone.
        var request = Assert.Single(_endpoint.Requests, r => r.Operation == "SendMessage");
        Assert.Null(request.Header("tracestate"));
        Assert.Null(parent.TraceStateString);
        Assert.EndsWith($";{Lineage}", request.Header("X-Amzn-Trace-Id"), StringComparison.Ordinal);
        Assert.EndsWith($";{Lineage}", Assert.Single(_endpoint.Messages).AwsTraceHeader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_RecordedParent_TagsTheClientActivity()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled));

        var response = await _client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello"));

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.Equal("SQS", sdk.DisplayName);
        Assert.Equal(ActivityKind.Client, sdk.Kind);
        Assert.True(sdk.Recorded);
        Assert.Equal(ActivityStatusCode.Unset, sdk.Status);
        Assert.Equal("aws-api", sdk.GetTagItem(TraceTags.RpcSystem));
        Assert.Equal("SQS", sdk.GetTagItem(TraceTags.RpcService));
        Assert.Equal("SendMessage", sdk.GetTagItem(TraceTags.RpcMethod));
        Assert.Equal(Region, sdk.GetTagItem(TraceTags.CloudRegion));
        Assert.Equal(_queueUrl, sdk.GetTagItem(TraceTags.AwsQueueUrl));
        Assert.Equal(200, sdk.GetTagItem(TraceTags.HttpStatusCode));
        Assert.Equal(0, sdk.GetTagItem(TraceTags.AwsRetries));
        Assert.Equal(Assert.Single(_endpoint.Messages).MessageId, sdk.GetTagItem(TraceTags.MessageId));
        Assert.True(Guid.TryParse(response.ResponseMetadata.RequestId, out _));
        Assert.Equal(response.ResponseMetadata.RequestId, sdk.GetTagItem(TraceTags.AwsRequestId));
    }

    [Fact]
    public async Task SendMessage_AfterThrottle_OneActivityCountsTheRetryAndEveryAttemptCarriesTheHeader()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled));
        _endpoint.FailNext("SendMessage", 1, SqsError.RequestThrottled());

        await _client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello"));

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.Equal(1, sdk.GetTagItem(TraceTags.AwsRetries));
        Assert.Equal(200, sdk.GetTagItem(TraceTags.HttpStatusCode));
        var expected = $"Root={Root};Parent={sdk.SpanId.ToHexString()};Sampled=1;{Lineage}";
        Assert.Equal([expected, expected], SentHeaders("SendMessage"));
    }

    [Fact]
    public async Task SendMessageBatch_RecordedParent_SetsTheAttributeOnEveryEntry()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled));

        await _client.SendMessageBatchAsync(new SendMessageBatchRequest(_queueUrl,
            [new SendMessageBatchRequestEntry("a", "one"), new SendMessageBatchRequestEntry("b", "two")]));

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.Equal("SendMessageBatch", sdk.GetTagItem(TraceTags.RpcMethod));
        Assert.Equal(_queueUrl, sdk.GetTagItem(TraceTags.AwsQueueUrl));
        var expected = $"Root={Root};Parent={sdk.SpanId.ToHexString()};Sampled=1;{Lineage}";
        Assert.Equal([expected, expected], _endpoint.Messages.Select(m => m.AwsTraceHeader));
        Assert.Equal(expected, SentHeaders("SendMessageBatch").Single());
    }

    [Fact]
    public async Task SendMessage_ParentNotRecorded_SendsSampledZeroAndRecordsNothing()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.NotSampled));

        await _client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello"));

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.False(sdk.Recorded);
        Assert.Empty(sdk.TagObjects);
        var expected = $"Root={Root};Parent={sdk.SpanId.ToHexString()};Sampled=0;{Lineage}";
        Assert.Equal(expected, Assert.Single(_endpoint.Messages).AwsTraceHeader);
        Assert.Equal(expected, SentHeaders("SendMessage").Single());
    }

    [Fact]
    public async Task SendMessage_NoParent_NoActivityAndNoTraceHeader()
    {
        using var recorder = new ActivityRecorder();

        await _client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello"));

        Assert.Empty(recorder.ForQueue(_queueUrl));
        Assert.Null(Assert.Single(_endpoint.Messages).AwsTraceHeader);
        Assert.Null(SentHeaders("SendMessage").Single());
    }

    [Fact]
    public async Task SendMessage_ListenerSamplesARootCall_TracesTheCallWithoutInventingATrace()
    {
        using var recorder = new ActivityRecorder(rootSampling: ActivitySamplingResult.AllData);

        await _client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello"));

        var sdk = Assert.Single(recorder.ForQueue(_queueUrl));
        Assert.Equal(default, sdk.ParentSpanId);
        Assert.Null(Assert.Single(_endpoint.Messages).AwsTraceHeader);
        Assert.Null(SentHeaders("SendMessage").Single());
    }

    [Fact]
    public async Task SendMessage_ServiceError_RecordsTheErrorAndRethrowsIt()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled));
        _endpoint.FailNext("SendMessage", 1, SqsError.QueueDoesNotExist());

        var thrown = await Assert.ThrowsAsync<QueueDoesNotExistException>(
            () => _client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello")));

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.Equal(ActivityStatusCode.Error, sdk.Status);
        Assert.Equal(400, sdk.GetTagItem(TraceTags.HttpStatusCode));
        Assert.Equal(thrown.RequestId, sdk.GetTagItem(TraceTags.AwsRequestId));
        Assert.Equal(0, sdk.GetTagItem(TraceTags.AwsRetries));
        var exception = Assert.Single(sdk.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Contains(exception.Tags, t => t.Key == "exception.type" && Equals(t.Value, thrown.GetType().FullName));
    }

    [Fact]
    public async Task SendMessage_TransportError_RecordsTheErrorAndRethrowsIt()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled));
        var closedUrl = _endpoint.ServiceUrl;
        await _endpoint.DisposeAsync();
        using var client = new AmazonSQSClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonSQSConfig { ServiceURL = closedUrl, AuthenticationRegion = Region, MaxErrorRetry = 0 });
        _endpoint = await SqsEndpoint.StartAsync();

        var thrown = await Assert.ThrowsAnyAsync<Exception>(
            () => client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello")));

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.Equal(ActivityStatusCode.Error, sdk.Status);
        Assert.Null(sdk.GetTagItem(TraceTags.HttpStatusCode));
        var exception = Assert.Single(sdk.Events);
        Assert.Contains(exception.Tags, t => t.Key == "exception.type" && Equals(t.Value, thrown.GetType().FullName));
    }

    [Fact]
    public async Task SendMessage_CallerSetTraceHeader_OursIsSentAndTheCallersRequestIsGivenBack()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled));
        var callers = new Dictionary<string, MessageSystemAttributeValue>
        {
            ["AWSTraceHeader"] = new() { DataType = "String", StringValue = "Root=1-00000001-000000000000000000000001" },
        };
        var request = new SendMessageRequest(_queueUrl, "hello") { MessageSystemAttributes = callers };

        await _client.SendMessageAsync(request);

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.Equal(
            $"Root={Root};Parent={sdk.SpanId.ToHexString()};Sampled=1;{Lineage}",
            Assert.Single(_endpoint.Messages).AwsTraceHeader);
        Assert.Same(callers, request.MessageSystemAttributes);
        Assert.Equal("Root=1-00000001-000000000000000000000001", Assert.Single(callers).Value.StringValue);
    }

    [Fact]
    public async Task Register_CalledAgain_TracesEachCallOnce()
    {
        AwsSdkTracing.Register();
        AwsSdkTracing.Register();
        using var client = new AmazonSQSClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonSQSConfig { ServiceURL = _endpoint.ServiceUrl, AuthenticationRegion = Region });
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent(SamplingDecision.Sampled));

        await client.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello"));

        Assert.Single(recorder.ForQueue(_queueUrl));
    }

    private static TraceHeader RemoteParent(SamplingDecision sampled)
    {
        Assert.True(TraceHeader.TryParse($"Root={Root};Parent=53995c3f42cd8ad8;Sampled={(sampled == SamplingDecision.Sampled ? 1 : 0)};{Lineage}", out var header));
        return header;
    }

    private List<string?> SentHeaders(string operation) =>
        [.. _endpoint.Requests.Where(r => r.Operation == operation).Select(r => r.Header("X-Amzn-Trace-Id"))];
}

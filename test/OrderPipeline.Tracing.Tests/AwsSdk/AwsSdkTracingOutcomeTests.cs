using System.Diagnostics;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Sqs;
using OrderPipeline.TestHelpers.XRay;
using OrderPipeline.Tracing.AwsSdk;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests.AwsSdk;

/// <summary>
/// What a daemon on loopback receives for AWS calls that fail, through the whole chain (SDK hook, exporter, UDP): the
/// X-Ray flags keep their meaning (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-errors):
/// <c>error</c> for the caller's fault (4xx), <c>throttle</c> with <c>error</c> for a throttled call, <c>fault</c> for
/// the service's (5xx), none for a failure the caller expected; the exception is the <c>cause</c>.
/// </summary>
public sealed class AwsSdkTracingOutcomeTests : IAsyncLifetime
{
    private static readonly string[] Flags = ["error", "throttle", "fault"];

    private readonly XRayDaemon _daemon = XRayDaemon.Start();
    private readonly ActivitySource _source = TestSources.Create();
    private SqsEndpoint _sqs = null!;
    private DynamoDbEndpoint _dynamoDb = null!;
    private AmazonSQSClient _sqsClient = null!;
    private AmazonDynamoDBClient _dynamoDbClient = null!;
    private TracingSession _tracing = null!;
    private string _queueUrl = null!;

    public async Task InitializeAsync()
    {
        _tracing = XRayTracing.Start(name => name == "AWS_XRAY_DAEMON_ADDRESS" ? _daemon.Address : null, [_source.Name], []);
        _sqs = await SqsEndpoint.StartAsync();
        _queueUrl = _sqs.CreateQueue("orders");
        _sqsClient = new AmazonSQSClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonSQSConfig { ServiceURL = _sqs.ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("OrdersTable", "orderId");
        _dynamoDbClient = _dynamoDb.Client();
    }

    public async Task DisposeAsync()
    {
        _sqsClient.Dispose();
        _dynamoDbClient.Dispose();
        _tracing.Dispose();
        _source.Dispose();
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
        await _daemon.DisposeAsync();
    }

    [Fact]
    public async Task SendMessage_Throttled_IsAThrottleAndAnErrorWithTheRemoteCause()
    {
        _sqs.FailNext("SendMessage", 1, SqsError.RequestThrottled());

        var document = await CallAsync(() => _sqsClient.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello")));

        Assert.Equal("error,throttle", SetFlags(document));
        Assert.Equal(400, document.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("RequestThrottled", document.GetProperty("metadata").GetProperty("default").GetProperty("error.type").GetString());
        var exceptions = document.GetProperty("cause").GetProperty("exceptions");
        Assert.Equal("RequestThrottledException", exceptions[0].GetProperty("type").GetString()!.Split('.')[^1]);
        Assert.Equal("Rate exceeded", exceptions[0].GetProperty("message").GetString());
        Assert.All(exceptions.EnumerateArray(), exception => Assert.True(exception.GetProperty("remote").GetBoolean()));
    }

    [Fact]
    public async Task SendMessage_ServiceFailed_IsAFault()
    {
        _sqs.FailNext("SendMessage", 1, SqsError.InternalError());

        var document = await CallAsync(() => _sqsClient.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello")));

        Assert.Equal("fault", SetFlags(document));
        Assert.NotEqual(0, document.GetProperty("cause").GetProperty("exceptions").GetArrayLength());
    }

    [Fact]
    public async Task SendMessage_CallersMistake_IsAnErrorOnly()
    {
        _sqs.FailNext("SendMessage", 1, SqsError.QueueDoesNotExist());

        var document = await CallAsync(() => _sqsClient.SendMessageAsync(new SendMessageRequest(_queueUrl, "hello")));

        Assert.Equal("error", SetFlags(document));
    }

    [Fact]
    public async Task PutItem_ConditionFailsAsTheCallerExpects_IsNoErrorAndKeepsTheCodeAsMetadata()
    {
        await _dynamoDbClient.PutItemAsync(Put());
        var put = Put();
        AwsSdkTracing.ExpectErrorCode(put, "ConditionalCheckFailedException");

        var document = await CallAsync(() => _dynamoDbClient.PutItemAsync(put));

        Assert.Equal("", SetFlags(document));
        Assert.False(document.TryGetProperty("cause", out _));
        Assert.Equal(400, document.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(
            """{"error.type":"ConditionalCheckFailedException"}""",
            document.GetProperty("metadata").GetProperty("default").GetRawText());
    }

    [Fact]
    public async Task PutItem_ConditionFailsUnexpectedly_IsAnError()
    {
        await _dynamoDbClient.PutItemAsync(Put());
        var put = Put();
        AwsSdkTracing.ExpectErrorCode(put, "ProvisionedThroughputExceededException");

        var document = await CallAsync(() => _dynamoDbClient.PutItemAsync(put));

        Assert.Equal("error", SetFlags(document));
        Assert.EndsWith(".ConditionalCheckFailedException", document.GetProperty("cause").GetProperty("exceptions")[0].GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private static PutItemRequest Put() => new()
    {
        TableName = "OrdersTable",
        Item = new Dictionary<string, AttributeValue> { ["orderId"] = new() { S = "o-1" } },
        ConditionExpression = "attribute_not_exists(orderId)",
    };

    private static string SetFlags(JsonElement document) =>
        string.Join(',', Flags.Where(flag => document.TryGetProperty(flag, out var value) && value.GetBoolean()));

    /// <summary>Makes the failing call under a sampled parent of a new trace; returns the SDK call's document.</summary>
    private async Task<JsonElement> CallAsync(Func<Task> call)
    {
        var root = XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));
        var parent = new TraceHeader(root, "53995c3f42cd8ad8", SamplingDecision.Sampled).ToActivityContext();
        using (_source.StartActivity("Caller", ActivityKind.Internal, parent))
        {
            await Assert.ThrowsAnyAsync<AmazonServiceException>(call);
        }

        // Wait for this call's own document: AWS SDK calls of tests running in parallel reach this daemon as well.
        var segment = await _daemon.WaitForSegmentAsync(
            s => s.GetString("trace_id") == root && s.GetString("namespace") == "aws", TimeSpan.FromSeconds(10));
        return segment.RequiredDocument;
    }
}

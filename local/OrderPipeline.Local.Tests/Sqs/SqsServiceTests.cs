using System.Globalization;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Time;
using SqsEndpoint = OrderPipeline.TestHelpers.Sqs.SqsEndpoint;

namespace OrderPipeline.Local.Tests.Sqs;

// Every test drives the service with the real AWSSDK.SQS client, whose ValidationResponseHandler recomputes the body
// and attribute digests of SendMessage and ReceiveMessage answers: a passing call proves those digests too.
public sealed partial class SqsServiceTests : IAsyncLifetime
{
    private const string TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 5, 13, 57, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Start);
    private SqsEndpoint _endpoint = null!;
    private AmazonSQSClient _sqs = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await SqsEndpoint.StartAsync(SqsServiceSettings.Default, _clock);
        _sqs = Client(_endpoint);
    }

    public async Task DisposeAsync()
    {
        _sqs.Dispose();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task ReceiveMessage_WithAllAttributeNames_ReturnsBodyAttributesAndSystemAttributes()
    {
        var queueUrl = _endpoint.CreateQueue("orders");
        var sent = await _sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "{\"orderId\":\"o-1\"}")
        {
            MessageAttributes = new() { ["orderId"] = new() { DataType = "String", StringValue = "order-42" } },
            MessageSystemAttributes = TraceHeaderAttribute(),
        });
        _clock.Now = Start.AddSeconds(5);

        var message = Assert.Single(await ReceiveAsync(queueUrl, ["All"]));

        Assert.Equal((sent.MessageId, "{\"orderId\":\"o-1\"}"), (message.MessageId, message.Body));
        Assert.Equal("order-42", message.MessageAttributes["orderId"].StringValue);
        Assert.Equal(TraceHeader, message.Attributes["AWSTraceHeader"]);
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
        Assert.Equal("test", message.Attributes["SenderId"]);
        Assert.Equal(Millis(Start), message.Attributes["SentTimestamp"]);
        Assert.Equal(Millis(Start.AddSeconds(5)), message.Attributes["ApproximateFirstReceiveTimestamp"]);
    }

    [Fact]
    public async Task ReceiveMessage_WithSomeAttributeNames_ReturnsOnlyThose()
    {
        var queueUrl = _endpoint.CreateQueue("orders");
        await _sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "body") { MessageSystemAttributes = TraceHeaderAttribute() });

        var message = Assert.Single(await ReceiveAsync(queueUrl, ["AWSTraceHeader", "SentTimestamp"]));

        Assert.Equal(["AWSTraceHeader", "SentTimestamp"], message.Attributes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReceiveMessage_AfterVisibilityTimeout_RedeliversWithHigherReceiveCount()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(30));
        await _sqs.SendMessageAsync(queueUrl, "body");

        var first = Assert.Single(await ReceiveAsync(queueUrl, ["All"]));
        _clock.Now = Start.AddSeconds(29);
        var whileInvisible = await ReceiveAsync(queueUrl, ["All"]);
        _clock.Now = Start.AddSeconds(30);
        var second = Assert.Single(await ReceiveAsync(queueUrl, ["All"]));

        Assert.Empty(whileInvisible);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        Assert.Equal(("1", "2"), (first.Attributes["ApproximateReceiveCount"], second.Attributes["ApproximateReceiveCount"]));
        Assert.Equal(Millis(Start), second.Attributes["ApproximateFirstReceiveTimestamp"]);
    }

    [Fact]
    public async Task ReceiveMessage_WithRequestVisibilityTimeout_OverridesTheQueueDefault()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(30));
        await _sqs.SendMessageAsync(queueUrl, "body");

        await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { VisibilityTimeout = 5 });
        _clock.Now = Start.AddSeconds(5);

        Assert.Single(await ReceiveAsync(queueUrl, []));
    }

    [Fact]
    public async Task DeleteMessage_AfterReceive_RemovesTheMessageForGood()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(30));
        await _sqs.SendMessageAsync(queueUrl, "body");
        var message = Assert.Single(await ReceiveAsync(queueUrl, []));

        await _sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
        _clock.Now = Start.AddHours(1);

        Assert.Empty(await ReceiveAsync(queueUrl, []));
    }

    [Fact]
    public async Task MessageRetentionPeriod_WhenExceeded_DropsTheMessage()
    {
        var queueUrl = _endpoint.CreateQueue("orders", new SqsQueueSettings(MessageRetentionPeriod: TimeSpan.FromMinutes(1)));
        await _sqs.SendMessageAsync(queueUrl, "body");

        _clock.Now = Start.AddMinutes(1);

        Assert.Empty(await ReceiveAsync(queueUrl, []));
    }

    private async Task<List<Message>> ReceiveAsync(string queueUrl, List<string> systemAttributeNames)
    {
        var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl)
        {
            MaxNumberOfMessages = 10,
            MessageAttributeNames = ["All"],
            MessageSystemAttributeNames = systemAttributeNames,
        });
        return response.Messages ?? [];
    }

    private static AmazonSQSClient Client(SqsEndpoint endpoint, int maxErrorRetry = 0) =>
        new(new BasicAWSCredentials("test", "test"), new AmazonSQSConfig
        {
            ServiceURL = endpoint.ServiceUrl,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
        });

    private static Dictionary<string, MessageSystemAttributeValue> TraceHeaderAttribute() =>
        new() { ["AWSTraceHeader"] = new() { DataType = "String", StringValue = TraceHeader } };

    private static string Millis(DateTimeOffset time) =>
        time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}

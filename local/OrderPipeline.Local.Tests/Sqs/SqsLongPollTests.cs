using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using SqsEndpoint = OrderPipeline.TestHelpers.Sqs.SqsEndpoint;

namespace OrderPipeline.Local.Tests.Sqs;

/// <summary>Long polls on the real clock: they end when there is something to deliver, not at their deadline.</summary>
public sealed class SqsLongPollTests : IAsyncLifetime
{
    /// <summary>Far shorter than the 20 s long poll, far longer than the 1 s visibility timeout.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private SqsEndpoint _endpoint = null!;
    private AmazonSQSClient _sqs = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await SqsEndpoint.StartAsync(TimeProvider.System);
        _sqs = new AmazonSQSClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = _endpoint.ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
    }

    public async Task DisposeAsync()
    {
        _sqs.Dispose();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task ReceiveMessage_LongPollWhileAMessageIsInFlight_ReturnsItWhenItBecomesVisibleAgain()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(1));
        var sent = await _sqs.SendMessageAsync(queueUrl, "body");
        Assert.Single((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl))).Messages);
        using var guard = new CancellationTokenSource(Guard);

        var again = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 20 }, guard.Token);

        Assert.Equal(sent.MessageId, Assert.Single(again.Messages).MessageId);
    }

    [Fact]
    public async Task Dispose_WhileALongPollWaits_EndsThePollWithNoMessages()
    {
        var endpoint = await SqsEndpoint.StartAsync(TimeProvider.System);
        using var sqs = new AmazonSQSClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = endpoint.ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var queueUrl = endpoint.CreateQueue("orders");
        var polling = sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 20 });
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        await endpoint.DisposeAsync().AsTask().WaitAsync(Guard);

        var response = await polling.WaitAsync(Guard);
        Assert.True(response.Messages is null or { Count: 0 });
    }
}

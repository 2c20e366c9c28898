using Amazon.SQS.Model;
using SqsEndpoint = OrderPipeline.TestHelpers.Sqs.SqsEndpoint;

namespace OrderPipeline.Local.Tests.Sqs;

// Long polls on the real clock: they end when there is something to deliver, not at their deadline.
public sealed partial class SqsServiceTests
{
    /// <summary>Far shorter than the 20 s long poll, far longer than the 1 s visibility timeout.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReceiveMessage_LongPollWhileAMessageIsInFlight_ReturnsItWhenItBecomesVisibleAgain()
    {
        await using var endpoint = await SqsEndpoint.StartAsync(TimeProvider.System);
        using var sqs = Client(endpoint);
        var queueUrl = endpoint.CreateQueue("orders", TimeSpan.FromSeconds(1));
        var sent = await sqs.SendMessageAsync(queueUrl, "body");
        Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl))).Messages);
        using var guard = new CancellationTokenSource(Guard);

        var again = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 20 }, guard.Token);

        Assert.Equal(sent.MessageId, Assert.Single(again.Messages).MessageId);
    }

    [Fact]
    public async Task Dispose_WhileALongPollWaits_EndsThePollWithNoMessages()
    {
        var endpoint = await SqsEndpoint.StartAsync(TimeProvider.System);
        using var sqs = Client(endpoint);
        var queueUrl = endpoint.CreateQueue("orders");
        var polling = sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 20 });
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        await endpoint.DisposeAsync().AsTask().WaitAsync(Guard);

        var response = await polling.WaitAsync(Guard);
        Assert.True(response.Messages is null or { Count: 0 });
    }
}

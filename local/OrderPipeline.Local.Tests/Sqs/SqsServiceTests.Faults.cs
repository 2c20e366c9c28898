using System.Net;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;
using SqsEndpoint = OrderPipeline.TestHelpers.Sqs.SqsEndpoint;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed partial class SqsServiceTests
{
    [Fact]
    public async Task FaultRates_WithTheSameSeed_FailAndThrottleTheSameRequests()
    {
        var rates = new SqsFaultRates(FailureShare: 0.2, ThrottleShare: 0.3, Seed: 42);

        var first = await OutcomesAsync(rates, 40);
        var second = await OutcomesAsync(rates, 40);

        Assert.Equal(first, second);
        Assert.Contains("InternalError", first);
        Assert.Contains("RequestThrottled", first);
        Assert.Contains("ok", first);
    }

    [Fact]
    public async Task FaultRates_WithFailureShareOne_AnswersEveryRequestWithInternalError()
    {
        var outcomes = await OutcomesAsync(new SqsFaultRates(1, 0, 7), 5);

        Assert.All(outcomes, outcome => Assert.Equal("InternalError", outcome));
    }

    [Fact]
    public async Task FaultRates_ScopedToSendMessage_FailOnlySendMessageAndReportWhatTheyInjected()
    {
        var rates = new SqsFaultRates(1, 0, 3, new HashSet<string> { "SendMessage" });
        await using var endpoint = await SqsEndpoint.StartAsync(SqsServiceSettings.Default with { FaultRates = rates }, TimeProvider.System);
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var error = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "body")));
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl));
        await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(queueUrl, ["All"]));

        Assert.Equal("InternalError", error.ErrorCode);
        Assert.Empty(received.Messages ?? []);
        Assert.Equal([new InjectedFault("SendMessage", "InternalError", 1)], endpoint.Service.InjectedFaults());
    }

    [Fact]
    public async Task DuplicateDeliveryShareOne_DeliversTheMessageAgainWithTheSameIdAndANewReceiptHandle()
    {
        var rates = new SqsFaultRates(0, 0, 5, DuplicateDeliveryShare: 1);
        await using var endpoint = await SqsEndpoint.StartAsync(SqsServiceSettings.Default with { FaultRates = rates }, TimeProvider.System);
        var queueUrl = endpoint.CreateQueue("orders", TimeSpan.FromMinutes(5));
        using var sqs = Client(endpoint);
        var sent = await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "body"));

        var first = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { MessageSystemAttributeNames = ["All"] })).Messages);
        var second = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { MessageSystemAttributeNames = ["All"] })).Messages);
        // The most recent receipt handle deletes it (DeleteMessage_HandleOfAnEarlierReceive_SucceedsButKeepsTheMessage).
        await sqs.DeleteMessageAsync(queueUrl, second.ReceiptHandle);
        var afterDelete = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl));

        Assert.Equal((sent.MessageId, sent.MessageId), (first.MessageId, second.MessageId));
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        Assert.Equal(("1", "2"), (first.Attributes["ApproximateReceiveCount"], second.Attributes["ApproximateReceiveCount"]));
        Assert.Empty(afterDelete.Messages ?? []);
        Assert.Equal([new InjectedFault("ReceiveMessage", "DuplicateDelivery", 2)], endpoint.Service.InjectedFaults());
    }

    [Fact]
    public void Constructor_WithDuplicateDeliveryShareAboveOne_Throws()
    {
        var settings = SqsServiceSettings.Default with { FaultRates = new SqsFaultRates(0, 0, 1, DuplicateDeliveryShare: 1.5) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new SqsService(settings));
    }

    [Fact]
    public void Constructor_WithSharesAddingUpToMoreThanOne_Throws()
    {
        var settings = SqsServiceSettings.Default with { FaultRates = new SqsFaultRates(0.6, 0.5, 1) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new SqsService(settings));
    }

    /// <summary>Sends <paramref name="count"/> messages without retries and names how each call ended.</summary>
    private static async Task<List<string>> OutcomesAsync(SqsFaultRates rates, int count)
    {
        await using var endpoint = await SqsEndpoint.StartAsync(SqsServiceSettings.Default with { FaultRates = rates },
            TimeProvider.System);
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);
        var outcomes = new List<string>();
        for (var call = 0; call < count; call++)
        {
            try
            {
                await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "body"));
                outcomes.Add("ok");
            }
            catch (AmazonSQSException error)
            {
                Assert.Equal(error.ErrorCode == "InternalError" ? HttpStatusCode.InternalServerError : HttpStatusCode.BadRequest,
                    error.StatusCode);
                outcomes.Add(error.ErrorCode);
            }
        }

        return outcomes;
    }
}

using System.Globalization;
using Amazon.SQS.Model;
using OrderPipeline.TestHelpers.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed partial class SqsServiceTests
{
    [Fact]
    public async Task ReceiveMessage_AfterSend_ReturnsBodyAttributesAndTraceHeader()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);
        var sent = await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "{\"orderId\":\"o-1\"}")
        {
            MessageAttributes = new() { ["orderId"] = new() { DataType = "String", StringValue = "order-42" } },
            MessageSystemAttributes = TraceHeaderAttribute(),
        });

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl)
        {
            MaxNumberOfMessages = 10,
            MessageAttributeNames = ["All"],
            MessageSystemAttributeNames = ["All"],
        });

        var message = Assert.Single(received.Messages);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("{\"orderId\":\"o-1\"}", message.Body);
        Assert.Equal("order-42", message.MessageAttributes["orderId"].StringValue);
        Assert.Equal(TraceHeader, message.Attributes["AWSTraceHeader"]);
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
        Assert.Equal("test", message.Attributes["SenderId"]);
        Assert.Equal(endpoint.Messages[0].SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            message.Attributes["SentTimestamp"]);
    }

    [Fact]
    public async Task ReceiveMessage_WithoutAttributeNames_ReturnsOnlyTheBody()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);
        await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "body")
        {
            MessageAttributes = new() { ["orderId"] = new() { DataType = "String", StringValue = "order-42" } },
        });

        var message = Assert.Single((await sqs.ReceiveMessageAsync(queueUrl)).Messages);

        Assert.Equal("body", message.Body);
        Assert.True(message.Attributes is null or { Count: 0 });
        Assert.True(message.MessageAttributes is null or { Count: 0 });
    }

    [Fact]
    public async Task ReceiveMessage_WhileMessageIsInFlight_ReturnsNothing()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);
        await sqs.SendMessageAsync(queueUrl, "body");

        var first = Assert.Single((await sqs.ReceiveMessageAsync(queueUrl)).Messages);
        var whileInFlight = await sqs.ReceiveMessageAsync(queueUrl);

        Assert.Equal("body", first.Body);
        Assert.True(whileInFlight.Messages is null or { Count: 0 });
    }

    [Fact]
    public async Task ReceiveMessage_WithZeroVisibilityTimeout_DeliversAgainUntilDeleted()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);
        await sqs.SendMessageAsync(queueUrl, "body");
        var request = new ReceiveMessageRequest(queueUrl)
        {
            VisibilityTimeout = 0,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        };

        var first = Assert.Single((await sqs.ReceiveMessageAsync(request)).Messages);
        var second = Assert.Single((await sqs.ReceiveMessageAsync(request)).Messages);
        await sqs.DeleteMessageAsync(queueUrl, second.ReceiptHandle);
        await sqs.DeleteMessageAsync(queueUrl, first.ReceiptHandle); // a stale handle of a deleted message: no error
        var afterDelete = await sqs.ReceiveMessageAsync(request);

        Assert.Equal(("1", "2"), (first.Attributes["ApproximateReceiveCount"], second.Attributes["ApproximateReceiveCount"]));
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        Assert.Equal(first.Attributes.Keys, ["ApproximateReceiveCount"]);
        Assert.True(afterDelete.Messages is null or { Count: 0 });
    }

    [Fact]
    public async Task ReceiveMessage_WithWaitTime_ReturnsMessageSentWhileWaiting()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var receiving = sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 20 });
        for (var poll = 0; poll < 200 && !endpoint.Requests.Any(request => request.Operation == "ReceiveMessage"); poll++)
        {
            await Task.Delay(10);
        }

        await sqs.SendMessageAsync(queueUrl, "late");

        Assert.Equal("late", Assert.Single((await receiving).Messages).Body);
    }

    [Fact]
    public async Task DeleteMessage_WithUnknownReceiptHandle_ThrowsReceiptHandleIsInvalid()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        await Assert.ThrowsAsync<ReceiptHandleIsInvalidException>(() => sqs.DeleteMessageAsync(queueUrl, "not-a-handle"));
    }

    [Fact]
    public async Task GetQueueUrl_ForCreatedQueue_ReturnsItsUrl()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var response = await sqs.GetQueueUrlAsync("orders");

        Assert.Equal(endpoint.ServiceUrl + "/000000000000/orders", response.QueueUrl);
        Assert.Equal(endpoint.QueueUrl("orders"), response.QueueUrl);
    }

    [Fact]
    public async Task CreateQueue_ThroughSdk_MakesAQueueToSendTo()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        using var sqs = Client(endpoint);

        var created = await sqs.CreateQueueAsync("orders-dlq");
        await sqs.SendMessageAsync(created.QueueUrl, "body");

        Assert.Equal(endpoint.QueueUrl("orders-dlq"), created.QueueUrl);
        Assert.Equal("orders-dlq", Assert.Single(endpoint.Messages).QueueName);
    }
}

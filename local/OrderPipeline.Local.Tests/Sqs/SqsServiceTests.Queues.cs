using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed partial class SqsServiceTests
{
    [Fact]
    public async Task GetQueueAttributes_WithVisibleInFlightAndDelayedMessages_CountsEachKind()
    {
        var queueUrl = _endpoint.CreateQueue("orders");
        await _sqs.SendMessageBatchAsync(queueUrl,
            [new("a", "1"), new("b", "2"), new("c", "3"), new("d", "4") { DelaySeconds = 60 }]);
        await _sqs.ReceiveMessageAsync(queueUrl);

        var attributes = (await _sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"])).Attributes;

        Assert.Equal(("2", "1", "1"), (attributes["ApproximateNumberOfMessages"],
            attributes["ApproximateNumberOfMessagesNotVisible"], attributes["ApproximateNumberOfMessagesDelayed"]));
        Assert.Equal(3, attributes.Count);
    }

    [Fact]
    public async Task GetQueueAttributes_WithAll_ReportsTheDefaultsOfAPlainQueue()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        var attributes = (await _sqs.GetQueueAttributesAsync(queueUrl, ["All"])).Attributes;

        Assert.Equal(("30", "345600"), (attributes["VisibilityTimeout"], attributes["MessageRetentionPeriod"]));
        Assert.Equal(("0", "0"), (attributes["ApproximateNumberOfMessages"], attributes["ApproximateNumberOfMessagesNotVisible"]));
        Assert.False(attributes.ContainsKey("RedrivePolicy"));
    }

    // DelaySeconds, ReceiveMessageWaitTimeSeconds and MaximumMessageSize as CreateQueue sets them:
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
    [Fact]
    public async Task CreateQueue_WithDelayWaitAndMaximumSize_ReportsThemAsQueueAttributes()
    {
        var created = await _sqs.CreateQueueAsync(new CreateQueueRequest("orders")
        {
            Attributes = new() { ["DelaySeconds"] = "5", ["ReceiveMessageWaitTimeSeconds"] = "20", ["MaximumMessageSize"] = "1024" },
        });
        var plain = _endpoint.CreateQueue("plain");

        var attributes = (await _sqs.GetQueueAttributesAsync(created.QueueUrl, ["All"])).Attributes;
        var defaults = (await _sqs.GetQueueAttributesAsync(plain, ["All"])).Attributes;

        Assert.Equal(("5", "20", "1024"),
            (attributes["DelaySeconds"], attributes["ReceiveMessageWaitTimeSeconds"], attributes["MaximumMessageSize"]));
        Assert.Equal(("0", "0", "1048576"),
            (defaults["DelaySeconds"], defaults["ReceiveMessageWaitTimeSeconds"], defaults["MaximumMessageSize"]));
    }

    [Fact]
    public async Task SendMessage_ToAQueueWithDelaySeconds_DelaysMessagesThatSetNoDelayOfTheirOwn()
    {
        var queueUrl = _endpoint.CreateQueue("orders", new SqsQueueSettings(DelaySeconds: TimeSpan.FromSeconds(5)));
        await _sqs.SendMessageAsync(queueUrl, "queue's delay");
        await _sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "no delay") { DelaySeconds = 0 });

        var atOnce = await ReceiveAsync(queueUrl, []);
        _clock.Now = Start.AddSeconds(5);
        var later = await ReceiveAsync(queueUrl, []);

        Assert.Equal("no delay", Assert.Single(atOnce).Body);
        Assert.Equal("queue's delay", Assert.Single(later).Body);
    }

    [Fact]
    public async Task ReceiveMessage_WithoutWaitTimeFromAQueueWithReceiveMessageWaitTime_LongPolls()
    {
        var queueUrl = _endpoint.CreateQueue("orders", new SqsQueueSettings(ReceiveMessageWaitTime: TimeSpan.FromSeconds(20)));
        var shortPoll = _endpoint.CreateQueue("short");

        var emptyShortPoll = await _sqs.ReceiveMessageAsync(shortPoll);
        var receiving = _sqs.ReceiveMessageAsync(queueUrl);
        await _sqs.SendMessageAsync(queueUrl, "arrives while the receive waits");
        var received = await receiving;

        Assert.Empty(emptyShortPoll.Messages ?? []);
        Assert.Equal("arrives while the receive waits", Assert.Single(received.Messages).Body);
    }

    [Fact]
    public async Task SendMessage_OverTheQueuesMaximumMessageSize_ThrowsInvalidParameterValue()
    {
        var queueUrl = _endpoint.CreateQueue("orders", new SqsQueueSettings(MaximumMessageSize: 1024));

        await _sqs.SendMessageAsync(queueUrl, new string('a', 1024));
        var error = await Assert.ThrowsAsync<AmazonSQSException>(() => _sqs.SendMessageAsync(queueUrl, new string('a', 1025)));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.", error.Message);
    }

    [Fact]
    public async Task GetQueueAttributes_WithUnknownName_ThrowsInvalidAttributeName()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        await Assert.ThrowsAsync<InvalidAttributeNameException>(
            () => _sqs.GetQueueAttributesAsync(queueUrl, ["NoSuchAttribute"]));
    }

    [Fact]
    public async Task ListQueues_WithPrefix_ReturnsTheMatchingQueueUrlsInNameOrder()
    {
        _endpoint.CreateQueue("orders");
        _endpoint.CreateQueue("payments");
        _endpoint.CreateQueue("orders-dlq");

        var all = await _sqs.ListQueuesAsync(new ListQueuesRequest());
        var orders = await _sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = "orders" });

        Assert.Equal([_endpoint.QueueUrl("orders"), _endpoint.QueueUrl("orders-dlq"), _endpoint.QueueUrl("payments")],
            all.QueueUrls);
        Assert.Equal([_endpoint.QueueUrl("orders"), _endpoint.QueueUrl("orders-dlq")], orders.QueueUrls);
    }

    [Fact]
    public async Task ListQueues_WithMaxResults_PagesWithNextToken()
    {
        _endpoint.CreateQueue("a");
        _endpoint.CreateQueue("b");
        _endpoint.CreateQueue("c");

        var first = await _sqs.ListQueuesAsync(new ListQueuesRequest { MaxResults = 2 });
        var second = await _sqs.ListQueuesAsync(new ListQueuesRequest { MaxResults = 2, NextToken = first.NextToken });

        Assert.Equal([_endpoint.QueueUrl("a"), _endpoint.QueueUrl("b")], first.QueueUrls);
        Assert.Equal([_endpoint.QueueUrl("c")], second.QueueUrls);
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task CreateQueue_ExistingNameWithOtherVisibilityTimeout_IsRefused()
    {
        _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<QueueNameExistsException>(() => _sqs.CreateQueueAsync(
            new CreateQueueRequest("orders") { Attributes = new() { ["VisibilityTimeout"] = "60" } }));
        var same = await _sqs.CreateQueueAsync(
            new CreateQueueRequest("orders") { Attributes = new() { ["VisibilityTimeout"] = "30" } });

        Assert.Equal("QueueAlreadyExists", error.ErrorCode);
        Assert.Equal(_endpoint.QueueUrl("orders"), same.QueueUrl);
    }

    [Fact]
    public async Task CreateQueue_WithUnknownAttribute_ThrowsInvalidAttributeName()
    {
        await Assert.ThrowsAsync<InvalidAttributeNameException>(() => _sqs.CreateQueueAsync(
            new CreateQueueRequest("orders") { Attributes = new() { ["Colour"] = "blue" } }));
    }

    [Fact]
    public async Task PurgeQueue_OfUnknownQueue_ThrowsQueueDoesNotExist()
    {
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.PurgeQueueAsync(_endpoint.QueueUrl("missing")));
    }
}

using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed partial class SqsServiceTests
{
    [Fact]
    public async Task ReceiveMessage_PastMaxReceiveCount_MovesTheMessageToTheDeadLetterQueue()
    {
        var dlqUrl = _endpoint.CreateQueue("orders-dlq");
        var queueUrl = _endpoint.CreateQueue("orders", new SqsQueueSettings(
            VisibilityTimeout: TimeSpan.Zero, RedrivePolicy: new SqsRedrivePolicy(_endpoint.QueueArn("orders-dlq"), 2)));
        var sent = await _sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "poison")
        {
            MessageAttributes = new() { ["orderId"] = new() { DataType = "String", StringValue = "order-42" } },
            MessageSystemAttributes = TraceHeaderAttribute(),
        });

        var first = Assert.Single(await ReceiveAsync(queueUrl, ["ApproximateReceiveCount"]));
        var second = Assert.Single(await ReceiveAsync(queueUrl, ["ApproximateReceiveCount"]));
        var third = await ReceiveAsync(queueUrl, ["ApproximateReceiveCount"]);
        var deadLettered = Assert.Single(await ReceiveAsync(dlqUrl, ["All"]));

        Assert.Equal(("1", "2"), (first.Attributes["ApproximateReceiveCount"], second.Attributes["ApproximateReceiveCount"]));
        Assert.Empty(third);
        Assert.Equal((sent.MessageId, "poison"), (deadLettered.MessageId, deadLettered.Body));
        Assert.Equal("order-42", deadLettered.MessageAttributes["orderId"].StringValue);
        Assert.Equal(TraceHeader, deadLettered.Attributes["AWSTraceHeader"]);
        Assert.Equal(Millis(Start), deadLettered.Attributes["SentTimestamp"]);
    }

    // A moved message keeps its id and sent time ("the enqueue timestamp is unchanged":
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html),
    // its receive count and first receive time, and gains the DeadLetterQueueSourceArn system attribute
    // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
    [Fact]
    public async Task ReceiveMessage_FromTheDeadLetterQueue_KeepsReceiveCountAndTimesAndNamesTheSourceQueue()
    {
        var dlqUrl = _endpoint.CreateQueue("orders-dlq");
        var queueUrl = _endpoint.CreateQueue("orders", new SqsQueueSettings(
            VisibilityTimeout: TimeSpan.Zero, RedrivePolicy: new SqsRedrivePolicy(_endpoint.QueueArn("orders-dlq"), 2)));
        var sent = await _sqs.SendMessageAsync(queueUrl, "poison");
        _clock.Now = Start.AddSeconds(1);
        var first = Assert.Single(await ReceiveAsync(queueUrl, ["All"]));
        _clock.Now = Start.AddSeconds(2);
        Assert.Single(await ReceiveAsync(queueUrl, []));
        _clock.Now = Start.AddSeconds(3);
        Assert.Empty(await ReceiveAsync(queueUrl, []));
        _clock.Now = Start.AddSeconds(4);

        var moved = Assert.Single(await ReceiveAsync(dlqUrl, ["All"]));
        _clock.Now = Start.AddSeconds(60);
        var sourceOnly = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest(dlqUrl)
        {
            MessageSystemAttributeNames = ["DeadLetterQueueSourceArn"],
        });

        Assert.False(first.Attributes.ContainsKey("DeadLetterQueueSourceArn"));
        Assert.Equal(sent.MessageId, moved.MessageId);
        Assert.Equal("3", moved.Attributes["ApproximateReceiveCount"]);
        Assert.Equal(Millis(Start.AddSeconds(1)), moved.Attributes["ApproximateFirstReceiveTimestamp"]);
        Assert.Equal(Millis(Start), moved.Attributes["SentTimestamp"]);
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:orders", moved.Attributes["DeadLetterQueueSourceArn"]);
        Assert.Equal(
            ["DeadLetterQueueSourceArn"], Assert.Single(sourceOnly.Messages).Attributes.Keys);
    }

    [Fact]
    public async Task ReceiveMessage_WithinMaxReceiveCount_KeepsTheMessageInItsQueue()
    {
        var dlqUrl = _endpoint.CreateQueue("orders-dlq");
        var queueUrl = _endpoint.CreateQueue("orders", new SqsQueueSettings(
            VisibilityTimeout: TimeSpan.Zero, RedrivePolicy: new SqsRedrivePolicy(_endpoint.QueueArn("orders-dlq"), 3)));
        await _sqs.SendMessageAsync(queueUrl, "body");

        for (var receive = 1; receive <= 3; receive++)
        {
            Assert.Single(await ReceiveAsync(queueUrl, []));
        }

        Assert.Empty(await ReceiveAsync(dlqUrl, []));
    }

    [Fact]
    public async Task CreateQueue_WithRedrivePolicyThroughSdk_ReportsItAsAQueueAttribute()
    {
        var dlq = await _sqs.CreateQueueAsync("orders-dlq");
        var dlqArn = (await _sqs.GetQueueAttributesAsync(dlq.QueueUrl, ["QueueArn"])).Attributes["QueueArn"];

        var created = await _sqs.CreateQueueAsync(new CreateQueueRequest("orders")
        {
            Attributes = new()
            {
                ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":\"5\"}}",
                ["VisibilityTimeout"] = "60",
                ["MessageRetentionPeriod"] = "3600",
            },
        });
        var attributes = (await _sqs.GetQueueAttributesAsync(created.QueueUrl, ["All"])).Attributes;

        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:orders-dlq", dlqArn);
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:orders", attributes["QueueArn"]);
        Assert.Equal($"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":5}}", attributes["RedrivePolicy"]);
        Assert.Equal(("60", "3600"), (attributes["VisibilityTimeout"], attributes["MessageRetentionPeriod"]));
    }

    [Fact]
    public async Task CreateQueue_WithRedriveToMissingQueue_ThrowsInvalidParameterValue()
    {
        var error = await Assert.ThrowsAsync<AmazonSQSException>(() => _sqs.CreateQueueAsync(new CreateQueueRequest("orders")
        {
            Attributes = new()
            {
                ["RedrivePolicy"] = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:missing\",\"maxReceiveCount\":5}",
            },
        }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Contains("Dead letter target does not exist", error.Message, StringComparison.Ordinal);
    }
}

using Amazon.SQS.Model;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed partial class SqsServiceTests
{
    [Fact]
    public async Task DeleteMessageBatch_WithOneUnknownHandle_DeletesTheOthersAndFailsOnlyThatEntry()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.Zero);
        await _sqs.SendMessageBatchAsync(queueUrl, [new("a", "first"), new("b", "second")]);
        var received = await ReceiveAsync(queueUrl, []);

        var response = await _sqs.DeleteMessageBatchAsync(queueUrl,
        [
            new("one", received[0].ReceiptHandle),
            new("two", received[1].ReceiptHandle),
            new("bad", "not-a-handle"),
        ]);

        Assert.Equal(["one", "two"], response.Successful.Select(entry => entry.Id));
        var failed = Assert.Single(response.Failed);
        Assert.Equal(("bad", "ReceiptHandleIsInvalid", true), (failed.Id, failed.Code, failed.SenderFault));
        Assert.Empty(await ReceiveAsync(queueUrl, []));
    }

    // "You must provide the most recently received ReceiptHandle for the message (otherwise, the request succeeds, but
    // the message will not be deleted)": https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
    [Fact]
    public async Task DeleteMessage_HandleOfAnEarlierReceive_SucceedsButKeepsTheMessage()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(30));
        await _sqs.SendMessageAsync(queueUrl, "body");
        var first = Assert.Single(await ReceiveAsync(queueUrl, []));
        _clock.Now = Start.AddSeconds(31);
        var second = Assert.Single(await ReceiveAsync(queueUrl, []));

        await _sqs.DeleteMessageAsync(queueUrl, first.ReceiptHandle);
        _clock.Now = Start.AddSeconds(62);
        var third = Assert.Single(await ReceiveAsync(queueUrl, []));
        await _sqs.DeleteMessageAsync(queueUrl, third.ReceiptHandle);
        _clock.Now = Start.AddSeconds(93);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.MessageId, third.MessageId);
        Assert.Empty(await ReceiveAsync(queueUrl, []));
    }

    [Fact]
    public async Task DeleteMessageBatch_WithoutEntries_ThrowsEmptyBatchRequest()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        await Assert.ThrowsAsync<EmptyBatchRequestException>(() => _sqs.DeleteMessageBatchAsync(queueUrl, []));
    }

    [Fact]
    public async Task ChangeMessageVisibility_ToZero_MakesTheMessageVisibleAgain()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromMinutes(5));
        await _sqs.SendMessageAsync(queueUrl, "body");
        var first = Assert.Single(await ReceiveAsync(queueUrl, []));

        await _sqs.ChangeMessageVisibilityAsync(queueUrl, first.ReceiptHandle, 0);

        Assert.Equal(first.MessageId, Assert.Single(await ReceiveAsync(queueUrl, [])).MessageId);
    }

    [Fact]
    public async Task ChangeMessageVisibility_Extended_KeepsTheMessageHiddenPastTheQueueTimeout()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(30));
        await _sqs.SendMessageAsync(queueUrl, "body");
        var first = Assert.Single(await ReceiveAsync(queueUrl, []));

        await _sqs.ChangeMessageVisibilityAsync(queueUrl, first.ReceiptHandle, 120);
        _clock.Now = Start.AddSeconds(119);
        var stillHidden = await ReceiveAsync(queueUrl, []);
        _clock.Now = Start.AddSeconds(120);

        Assert.Empty(stillHidden);
        Assert.Single(await ReceiveAsync(queueUrl, []));
    }

    [Fact]
    public async Task ChangeMessageVisibility_OfAMessageNotInFlight_ThrowsMessageNotInflight()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(30));
        await _sqs.SendMessageAsync(queueUrl, "body");
        var first = Assert.Single(await ReceiveAsync(queueUrl, []));
        _clock.Now = Start.AddSeconds(31);

        await Assert.ThrowsAsync<MessageNotInflightException>(
            () => _sqs.ChangeMessageVisibilityAsync(queueUrl, first.ReceiptHandle, 10));
    }

    [Fact]
    public async Task ChangeMessageVisibilityBatch_WithOneUnknownHandle_ChangesTheOthers()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromMinutes(5));
        await _sqs.SendMessageAsync(queueUrl, "body");
        var first = Assert.Single(await ReceiveAsync(queueUrl, []));

        var response = await _sqs.ChangeMessageVisibilityBatchAsync(queueUrl,
        [
            new("good", first.ReceiptHandle) { VisibilityTimeout = 0 },
            new("bad", "not-a-handle") { VisibilityTimeout = 0 },
        ]);

        Assert.Equal("good", Assert.Single(response.Successful).Id);
        Assert.Equal(("bad", "ReceiptHandleIsInvalid"), (Assert.Single(response.Failed).Id, response.Failed[0].Code));
        Assert.Single(await ReceiveAsync(queueUrl, []));
    }

    [Fact]
    public async Task PurgeQueue_WithVisibleAndInFlightMessages_RemovesThemAll()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(30));
        await _sqs.SendMessageBatchAsync(queueUrl, [new("a", "first"), new("b", "second")]);
        var inFlight = Assert.Single((await _sqs.ReceiveMessageAsync(queueUrl)).Messages);

        await _sqs.PurgeQueueAsync(queueUrl);
        _clock.Now = Start.AddMinutes(1);

        Assert.Empty(await ReceiveAsync(queueUrl, []));
        await _sqs.DeleteMessageAsync(queueUrl, inFlight.ReceiptHandle); // SQS accepts a stale handle after a purge too
    }
}

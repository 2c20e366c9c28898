using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Events;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

public sealed class SqsLambdaEventTests
{
    private const string Arn = "arn:aws:sqs:eu-west-1:123456789012:orders";

    [Fact]
    public void Write_WithEveryKindOfAttribute_WritesLambdasRecordFieldsInOrder()
    {
        var message = Message("m-1", "AQEB+/x=", "{\"a\":\"<b>\"}");
        message.Attributes = new()
        {
            ["SenderId"] = "AIDAEXAMPLE",
            [SqsSentMessage.TraceHeaderAttribute] = "Root=1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a;Parent=7f3a9c1e5b2d8046;Sampled=1",
            ["ApproximateFirstReceiveTimestamp"] = "1795670037366",
            ["DeadLetterQueueSourceArn"] = "arn:aws:sqs:eu-west-1:123456789012:source",
            ["SentTimestamp"] = "1795670037163",
            ["ApproximateReceiveCount"] = "1",
        };
        message.MessageAttributes = new()
        {
            ["tags"] = new()
            {
                DataType = "Binary.list", BinaryValue = new MemoryStream([0x31]), StringListValues = ["abc"],
                BinaryListValues = [new MemoryStream([0x30]), new MemoryStream([0x31])],
            },
            ["count"] = new() { DataType = "Number", StringValue = "123" },
        };
        message.MD5OfMessageAttributes = "582c92c5c5b6ac403040a4f3ab3115c9";

        var json = Encoding.UTF8.GetString(SqsLambdaEvent.Write([message], Arn, "eu-west-1"));

        Assert.Equal(
            "{\"Records\":[{\"messageId\":\"m-1\",\"receiptHandle\":\"AQEB+/x=\",\"body\":\"{\\\"a\\\":\\\"<b>\\\"}\","
            + "\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":\"1795670037163\",\"SenderId\":\"AIDAEXAMPLE\","
            + "\"ApproximateFirstReceiveTimestamp\":\"1795670037366\","
            + "\"AWSTraceHeader\":\"Root=1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a;Parent=7f3a9c1e5b2d8046;Sampled=1\","
            + "\"DeadLetterQueueSourceArn\":\"arn:aws:sqs:eu-west-1:123456789012:source\"},"
            + "\"messageAttributes\":{"
            + "\"count\":{\"stringValue\":\"123\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"Number\"},"
            + "\"tags\":{\"binaryValue\":\"MQ==\",\"stringListValues\":[\"abc\"],\"binaryListValues\":[\"MA==\",\"MQ==\"],"
            + "\"dataType\":\"Binary.list\"}},"
            + "\"md5OfBody\":\"md5-of-m-1\",\"md5OfMessageAttributes\":\"582c92c5c5b6ac403040a4f3ab3115c9\","
            + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:eu-west-1:123456789012:orders\","
            + "\"awsRegion\":\"eu-west-1\"}]}",
            json);
    }

    [Fact]
    public void Write_WithoutMessageAttributes_WritesAnEmptyObjectAndNoAttributesDigest()
    {
        var json = Encoding.UTF8.GetString(SqsLambdaEvent.Write([Message("m-1", "r-1", "body")], Arn, "eu-west-1"));

        Assert.Contains("\"attributes\":{},\"messageAttributes\":{},\"md5OfBody\":\"md5-of-m-1\",\"eventSource\"", json,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TheSampleEventsMessages_WritesTheSampleEvent()
    {
        var sample = SampleEvents.Load(SampleEvents.SqsOrders, LambdaEventsJsonContext.Default.SqsEvent);
        var messages = sample.Records.Select(record => new Message
        {
            MessageId = record.MessageId,
            ReceiptHandle = record.ReceiptHandle,
            Body = record.Body,
            Attributes = new(record.Attributes!),
            MD5OfBody = record.Md5OfBody,
        }).ToList();

        var written = SqsLambdaEvent.Write(messages, sample.Records[0].EventSourceArn!, sample.Records[0].AwsRegion!);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SampleEvents.Read(SampleEvents.SqsOrders)), JsonNode.Parse(written)));
    }

    [Fact]
    public void Write_SeveralMessages_WritesOneRecordEachInOrder()
    {
        var json = SqsLambdaEvent.Write([Message("m-1", "r-1", "a"), Message("m-2", "r-2", "b")], Arn, "eu-west-1");

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["m-1", "m-2"],
            document.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetProperty("messageId").GetString()));
    }

    [Fact]
    public void WriteWithin_RecordsPastTheLimit_SplitsIntoEventsOfFewerRecordsInOrder()
    {
        Message[] messages = [Message("m-1", "h-1", "first"), Message("m-2", "h-2", "second"), Message("m-3", "h-3", "third")];
        var oneRecord = SqsLambdaEvent.Write([messages[0]], Arn, "eu-west-1").Length;
        var twoRecords = SqsLambdaEvent.Write(messages[..2], Arn, "eu-west-1").Length;

        var events = SqsLambdaEvent.WriteWithin(messages, Arn, "eu-west-1", twoRecords);
        var tight = SqsLambdaEvent.WriteWithin(messages, Arn, "eu-west-1", oneRecord);

        Assert.Equal([["m-1", "m-2"], ["m-3"]], events.Select(e => e.Records.Select(m => m.MessageId).ToArray()));
        Assert.Equal(SqsLambdaEvent.Write(messages[..2], Arn, "eu-west-1"), events[0].Payload);
        Assert.Equal(SqsLambdaEvent.Write(messages[2..], Arn, "eu-west-1"), events[1].Payload);
        Assert.Equal(3, tight.Count);
        Assert.All(tight, e => Assert.Single(e.Records));
    }

    private static Message Message(string id, string receiptHandle, string body) =>
        new() { MessageId = id, ReceiptHandle = receiptHandle, Body = body, MD5OfBody = "md5-of-" + id };
}

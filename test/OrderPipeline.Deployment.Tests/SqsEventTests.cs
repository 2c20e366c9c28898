using System.Text.Json.Nodes;
using OrderPipeline.Contracts;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Events;

namespace OrderPipeline.Deployment.Tests;

public sealed class SqsEventTests
{
    private const string TraceHeaderPattern = "^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$";

    private readonly JsonObject[] _records =
        [.. LoadEvent(SampleEvents.SqsOrders)["Records"]!.AsArray().Select(r => r!.AsObject())];

    [Fact]
    public void Records_HaveUniqueMessageIds()
    {
        var ids = _records.Select(r => (string?)r["messageId"]).ToList();

        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Records_Md5OfBody_IsTheMd5OfTheUtf8Body()
    {
        Assert.All(_records, record => Assert.Equal(
            SqsMessageDigest.OfBody((string)record["body"]!), (string?)record["md5OfBody"]));
    }

    [Fact]
    public void Records_CarryTheAttributesLambdaSends()
    {
        Assert.All(_records, record =>
        {
            Assert.Equal("aws:sqs", (string?)record["eventSource"]);
            Assert.StartsWith($"arn:aws:sqs:{(string?)record["awsRegion"]}:", (string?)record["eventSourceARN"]);
            Assert.False(string.IsNullOrEmpty((string?)record["receiptHandle"]));
            JsonAssert.Equal("{}", record["messageAttributes"]);
            var attributes = SamTemplate.Object(record, "attributes");
            Assert.True(int.TryParse((string?)attributes["ApproximateReceiveCount"], out _));
            Assert.True(long.TryParse((string?)attributes["SentTimestamp"], out var sent));
            Assert.True(long.TryParse((string?)attributes["ApproximateFirstReceiveTimestamp"], out var received));
            Assert.True(received >= sent);
            Assert.False(string.IsNullOrEmpty((string?)attributes["SenderId"]));
            Assert.Matches(TraceHeaderPattern, (string?)attributes["AWSTraceHeader"]);
        });
    }

    [Fact]
    public void Bodies_AreTwoVersionOneOrderMessagesWithUuidV7IdsAndOnePoisonRecord()
    {
        var messages = _records
            .Select(r => OrderMessage.TryParse((string?)r["body"], out var message, out _) ? message : null)
            .ToList();

        Assert.Equal(2, messages.Count(m => m is not null));
        Assert.All(messages.OfType<OrderMessage>(), m =>
        {
            Assert.Equal(1, m.Version);
            Assert.Equal(7, m.OrderId.Value.Version);
        });
    }

    private static JsonObject LoadEvent(string fileName) =>
        JsonNode.Parse(SampleEvents.Read(fileName)) as JsonObject
        ?? throw new InvalidDataException($"{fileName} is not a JSON object.");
}

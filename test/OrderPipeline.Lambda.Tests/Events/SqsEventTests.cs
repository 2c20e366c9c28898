using System.Text.Json;
using OrderPipeline.Lambda.Events;

namespace OrderPipeline.Lambda.Tests.Events;

public sealed class SqsEventTests
{
    /// <summary>The shape Lambda's SQS event source mapping sends, with a traced record and a message attribute.</summary>
    private const string SqsBatch = """
        {
          "Records": [
            {
              "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
              "body": "{\"version\":1}",
              "attributes": {
                "ApproximateReceiveCount": "1",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185",
                "AWSTraceHeader": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
              },
              "messageAttributes": {
                "tenant": {
                  "stringValue": "acme",
                  "stringListValues": [],
                  "binaryListValues": [],
                  "dataType": "String"
                },
                "checksum": { "binaryValue": "AAEC", "dataType": "Binary" }
              },
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:orders",
              "awsRegion": "us-east-2"
            },
            {
              "messageId": "2e1424d4-f796-459a-8184-9c92662be6da",
              "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
              "body": "{\"version\":1}",
              "attributes": {
                "ApproximateReceiveCount": "3",
                "SentTimestamp": "1545082650636",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082650649"
              },
              "messageAttributes": {},
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:orders",
              "awsRegion": "us-east-2"
            }
          ]
        }
        """;

    [Fact]
    public void Deserialize_Batch_ReadsEveryRecordAndMember()
    {
        var batch = JsonSerializer.Deserialize(SqsBatch, LambdaEventsJsonContext.Default.SqsEvent)!;

        Assert.Equal(2, batch.Records.Count);
        var first = batch.Records[0];
        Assert.Equal("059f36b4-87a3-44ab-83d2-661975830a7d", first.MessageId);
        Assert.Equal("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...", first.ReceiptHandle);
        Assert.Equal("""{"version":1}""", first.Body);
        Assert.Equal("e4e68fb7bd0e697a0ae8f1bb342846b3", first.Md5OfBody);
        Assert.Equal(("aws:sqs", "arn:aws:sqs:us-east-2:123456789012:orders", "us-east-2"),
            (first.EventSource, first.EventSourceArn, first.AwsRegion));
        Assert.Equal("1", first.Attributes!["ApproximateReceiveCount"]);
        Assert.Equal("1545082649183", first.Attributes["SentTimestamp"]);
        Assert.Equal(
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            first.Attributes["AWSTraceHeader"]);
        var tenant = first.MessageAttributes!["tenant"];
        Assert.Equal(("acme", "String"), (tenant.StringValue, tenant.DataType));
        Assert.Empty(tenant.StringListValues!);
        Assert.Equal(("AAEC", "Binary"), (first.MessageAttributes["checksum"].BinaryValue, first.MessageAttributes["checksum"].DataType));
        Assert.False(batch.Records[1].Attributes!.ContainsKey("AWSTraceHeader"));
        Assert.Empty(batch.Records[1].MessageAttributes!);
    }

    [Fact]
    public void Deserialize_RecordWithoutMaps_LeavesThemNull()
    {
        var batch = JsonSerializer.Deserialize(
            """{"Records":[{"messageId":"m-1","receiptHandle":"h","body":"b"}]}""",
            LambdaEventsJsonContext.Default.SqsEvent)!;

        var record = Assert.Single(batch.Records);
        Assert.Null(record.Attributes);
        Assert.Null(record.MessageAttributes);
    }
}

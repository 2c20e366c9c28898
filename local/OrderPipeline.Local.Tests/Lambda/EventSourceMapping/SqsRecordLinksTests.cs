using System.Globalization;
using Amazon.SQS.Model;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

public sealed class SqsRecordLinksTests
{
    private const string RootA = "1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a";
    private const string RootB = "1-6b07c016-b1c2d3e4f5a6b7c8d9e0f1a2";

    [Fact]
    public void From_RecordsWithTraceHeaders_LinksEachDistinctSampledUpstreamSegmentOnce()
    {
        Message[] messages =
        [
            Traced($"Root={RootA};Parent=7f3a9c1e5b2d8046;Sampled=1"),
            Traced($"Root={RootB};Parent=2c8e4a6f0b9d1e37;Sampled=?;Lineage=a87bd80c:1"),
            Traced($"Parent=7f3a9c1e5b2d8046;Root={RootA};Sampled=1"),
            Traced($"Root={RootA};Parent=0000111122223333;Sampled=0"),
            Traced($"Root={RootA};Sampled=1"),
            Traced("Root=not-a-trace;Parent=7f3a9c1e5b2d8046"),
            new Message { MessageId = "untraced" },
        ];

        var links = SqsRecordLinks.From(messages);

        Assert.Equal([new TraceLink(RootA, "7f3a9c1e5b2d8046"), new TraceLink(RootB, "2c8e4a6f0b9d1e37")], links);
    }

    [Fact]
    public void From_MoreDistinctUpstreamsThanXRayAllows_KeepsTheFirstTwenty()
    {
        var messages = Enumerable.Range(1, 25)
            .Select(index => Traced($"Root={RootA};Parent={index.ToString("x16", CultureInfo.InvariantCulture)};Sampled=1"))
            .ToList();

        var links = SqsRecordLinks.From(messages);

        Assert.Equal(SqsRecordLinks.MaxLinks, links.Count);
        Assert.Equal("0000000000000014", links[^1].SegmentId);
    }

    private static Message Traced(string header) =>
        new() { MessageId = Guid.NewGuid().ToString(), Attributes = new() { [SqsSentMessage.TraceHeaderAttribute] = header } };
}

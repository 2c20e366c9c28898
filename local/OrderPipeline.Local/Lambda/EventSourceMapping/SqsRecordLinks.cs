using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// The links the Lambda service records on a batch's segment: one per distinct upstream segment named by the records'
/// <c>AWSTraceHeader</c> (Root and Parent), skipping headers that are malformed, have no Parent or say
/// <c>Sampled=0</c>, and keeping the first <see cref="MaxLinks"/>.
/// </summary>
internal static class SqsRecordLinks
{
    /// <summary>X-Ray's limit on links per segment.</summary>
    public const int MaxLinks = 20;

    public static IReadOnlyList<TraceLink> From(IEnumerable<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var links = new List<TraceLink>();
        foreach (var message in messages)
        {
            if (message.Attributes?.GetValueOrDefault(SqsSentMessage.TraceHeaderAttribute) is { } value
                && TraceHeader.TryParse(value, out var header)
                && header.Parent is { } parent
                && header.Sampled != SamplingDecision.NotSampled)
            {
                var link = new TraceLink(header.Root, parent);
                if (!links.Contains(link))
                {
                    links.Add(link);
                }

                if (links.Count == MaxLinks)
                {
                    break;
                }
            }
        }

        return links;
    }
}

using System.Text.Json.Serialization;

namespace OrderPipeline.Lambda.Events;

/// <summary>The event of an SQS event source mapping: a batch of messages.</summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public IList<SqsMessage> Records { get; set; } = [];
}

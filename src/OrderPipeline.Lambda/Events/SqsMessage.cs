using System.Text.Json.Serialization;

namespace OrderPipeline.Lambda.Events;

/// <summary>One record of an <see cref="SqsEvent"/>.</summary>
public sealed class SqsMessage
{
    public string MessageId { get; set; } = string.Empty;

    public string ReceiptHandle { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    /// <summary>
    /// System attributes as strings: ApproximateReceiveCount, SentTimestamp and ApproximateFirstReceiveTimestamp
    /// (epoch ms), SenderId, and AWSTraceHeader when the sender traced.
    /// </summary>
    public IDictionary<string, string>? Attributes { get; set; }

    public IDictionary<string, SqsMessageAttribute>? MessageAttributes { get; set; }

    /// <summary>MD5 of the UTF-8 body, lowercase hex.</summary>
    public string? Md5OfBody { get; set; }

    public string? Md5OfMessageAttributes { get; set; }

    /// <summary><c>aws:sqs</c>.</summary>
    public string? EventSource { get; set; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; set; }

    public string? AwsRegion { get; set; }
}

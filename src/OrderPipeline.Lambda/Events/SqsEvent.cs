using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace OrderPipeline.Lambda.Events;

/// <summary>The event of an SQS event source mapping: a batch of messages.</summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public IList<SqsMessage> Records { get; set; } = [];
}

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

/// <summary>A message attribute of an SQS record; binary values are base64 text, as Lambda sends them.</summary>
[SuppressMessage("Naming", "CA1711", Justification = "SQS's own name for it: a message attribute, not a .NET attribute.")]
public sealed class SqsMessageAttribute
{
    public string? StringValue { get; set; }

    public string? BinaryValue { get; set; }

    public IList<string>? StringListValues { get; set; }

    public IList<string>? BinaryListValues { get; set; }

    /// <summary><c>String</c>, <c>Number</c> or <c>Binary</c>, with an optional <c>.custom</c> suffix.</summary>
    public string? DataType { get; set; }
}

/// <summary>
/// A partial batch response, <c>{"batchItemFailures":[{"itemIdentifier":"…"}]}</c>; Lambda honours it only when the
/// event source mapping reports batch item failures. An empty list means the whole batch succeeded.
/// </summary>
public sealed class SqsBatchResponse
{
    public IList<BatchItemFailure> BatchItemFailures { get; set; } = [];
}

/// <summary>A record to leave on the queue; a null or empty identifier makes Lambda fail the whole batch.</summary>
public sealed class BatchItemFailure
{
    /// <summary>The failed record's <see cref="SqsMessage.MessageId"/>.</summary>
    public string ItemIdentifier { get; set; } = string.Empty;
}

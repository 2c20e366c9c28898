using System.Diagnostics.CodeAnalysis;

namespace OrderPipeline.Lambda.Events;

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

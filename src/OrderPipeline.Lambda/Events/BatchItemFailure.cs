namespace OrderPipeline.Lambda.Events;

/// <summary>A record to leave on the queue; a null or empty identifier makes Lambda fail the whole batch.</summary>
public sealed class BatchItemFailure
{
    /// <summary>The failed record's <see cref="SqsMessage.MessageId"/>.</summary>
    public string ItemIdentifier { get; set; } = string.Empty;
}

namespace OrderPipeline.Local.Sqs;

/// <summary>Sees what the service receives and accepts; called on request threads, so implementations are thread-safe.</summary>
public interface ISqsServiceObserver
{
    /// <summary>Every request, before it is answered, including those answered with an error.</summary>
    void RequestReceived(SqsRequest request);

    /// <summary>Every message accepted by SendMessage or SendMessageBatch.</summary>
    void MessageAccepted(SqsSentMessage message);
}

using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Stack;

/// <summary>Counts the requests the local SQS endpoint received and the messages it accepted. Thread-safe.</summary>
internal sealed class SqsTraffic : ISqsServiceObserver
{
    private long _requests;
    private long _accepted;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Messages accepted by SendMessage and SendMessageBatch, on every queue.</summary>
    public long MessagesAccepted => Interlocked.Read(ref _accepted);

    public void RequestReceived(SqsRequest request) => Interlocked.Increment(ref _requests);

    public void MessageAccepted(SqsSentMessage message) => Interlocked.Increment(ref _accepted);
}

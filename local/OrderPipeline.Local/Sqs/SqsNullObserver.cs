namespace OrderPipeline.Local.Sqs;

/// <summary>The observer of a service nobody watches.</summary>
internal sealed class SqsNullObserver : ISqsServiceObserver
{
    public void RequestReceived(SqsRequest request)
    {
    }

    public void MessageAccepted(SqsSentMessage message)
    {
    }
}

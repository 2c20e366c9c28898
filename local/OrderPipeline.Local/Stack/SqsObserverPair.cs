using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Stack;

/// <summary>Tells two observers of the SQS service everything, <paramref name="first"/> first.</summary>
internal sealed class SqsObserverPair(ISqsServiceObserver first, ISqsServiceObserver second) : ISqsServiceObserver
{
    public void RequestReceived(SqsRequest request)
    {
        first.RequestReceived(request);
        second.RequestReceived(request);
    }

    public void MessageAccepted(SqsSentMessage message)
    {
        first.MessageAccepted(message);
        second.MessageAccepted(message);
    }
}

using System.Collections.Concurrent;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>Keeps what the hosted service reports, in arrival order, for <see cref="SqsEndpoint"/>.</summary>
internal sealed class SqsEndpointRecorder : ISqsServiceObserver
{
    private readonly ConcurrentQueue<Local.Sqs.SqsRequest> _requests = new();
    private readonly ConcurrentQueue<Local.Sqs.SqsSentMessage> _messages = new();

    public IEnumerable<Local.Sqs.SqsRequest> Requests => _requests;

    public IEnumerable<Local.Sqs.SqsSentMessage> Messages => _messages;

    public void RequestReceived(Local.Sqs.SqsRequest request) => _requests.Enqueue(request);

    public void MessageAccepted(Local.Sqs.SqsSentMessage message) => _messages.Enqueue(message);
}

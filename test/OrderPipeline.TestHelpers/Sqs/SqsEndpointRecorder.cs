using System.Collections.Concurrent;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>Keeps what the hosted service reports, in arrival order, for <see cref="SqsEndpoint"/>.</summary>
internal sealed class SqsEndpointRecorder
{
    private readonly ConcurrentQueue<SqsRequest> _requests = new();
    private readonly ConcurrentQueue<SqsSentMessage> _messages = new();

    public IEnumerable<SqsRequest> Requests => _requests;

    public IEnumerable<SqsSentMessage> Messages => _messages;

    public void RequestReceived(SqsRequest request) => _requests.Enqueue(request);

    public void MessageAccepted(SqsSentMessage message) => _messages.Enqueue(message);

    public SqsEvents Events() => new() { RequestReceived = RequestReceived, MessageAccepted = MessageAccepted };
}

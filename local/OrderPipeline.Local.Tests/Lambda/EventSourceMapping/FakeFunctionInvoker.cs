using System.Text;
using System.Text.Json;
using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

/// <summary>
/// A function that answers each invocation with what <c>respond</c> returns, recording every call and the most calls
/// it ever had in flight at once.
/// </summary>
internal sealed class FakeFunctionInvoker(Func<FakeInvocation, Task<InvocationResult>> respond) : IFunctionInvoker
{
    private readonly Lock _gate = new();
    private readonly List<FakeInvocation> _invocations = [];
    private int _inFlight;
    private int _maxInFlight;

    public FakeFunctionInvoker(Func<FakeInvocation, InvocationResult> respond)
        : this(invocation => Task.FromResult(respond(invocation)))
    {
    }

    public IReadOnlyList<FakeInvocation> Invocations
    {
        get
        {
            lock (_gate)
            {
                return [.. _invocations];
            }
        }
    }

    public int MaxInFlight
    {
        get
        {
            lock (_gate)
            {
                return _maxInFlight;
            }
        }
    }

    public static InvocationResult Success(string response) =>
        new(Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(response), null, TimeSpan.FromMilliseconds(3), null, 1);

    public static InvocationResult Failure(string errorType, string message) =>
        new(Guid.NewGuid().ToString(), null,
            new InvocationError(errorType, message, Encoding.UTF8.GetBytes($"{{\"errorType\":\"{errorType}\"}}")),
            TimeSpan.FromMilliseconds(3), null, 1);

    public async Task<InvocationResult> InvokeAsync(
        string functionName, ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken)
    {
        var invocation = new FakeInvocation(functionName, Encoding.UTF8.GetString(payload.Span), traceHeader);
        lock (_gate)
        {
            _invocations.Add(invocation);
            _maxInFlight = Math.Max(_maxInFlight, ++_inFlight);
        }

        try
        {
            return await respond(invocation).WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }
}

/// <summary>One call of <see cref="FakeFunctionInvoker"/>, with the records of its SQS event read back.</summary>
internal sealed record FakeInvocation(string LogicalId, string Payload, string? TraceHeader)
{
    public IReadOnlyList<string> MessageIds => Records("messageId");

    public IReadOnlyList<string> Bodies => Records("body");

    public IReadOnlyList<string> ReceiveCounts =>
        [.. RecordElements().Select(record => record.GetProperty("attributes").GetProperty("ApproximateReceiveCount").GetString()!)];

    public string MessageIdOf(string body) => MessageIds[Bodies.ToList().IndexOf(body)];

    public string ReceiveCountOf(string body) => ReceiveCounts[Bodies.ToList().IndexOf(body)];

    private List<string> Records(string property) =>
        [.. RecordElements().Select(record => record.GetProperty(property).GetString()!)];

    private List<JsonElement> RecordElements()
    {
        using var document = JsonDocument.Parse(Payload);
        return [.. document.RootElement.GetProperty("Records").EnumerateArray().Select(record => record.Clone())];
    }
}

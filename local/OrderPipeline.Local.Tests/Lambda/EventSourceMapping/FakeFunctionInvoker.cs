using System.Text;
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
        string logicalId, ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken)
    {
        var invocation = new FakeInvocation(logicalId, Encoding.UTF8.GetString(payload.Span), traceHeader);
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

using System.Collections.Concurrent;
using OrderPipeline.Local.Lambda.EventSourceMapping;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

internal sealed class RecordingObserver : ISqsEventSourceObserver
{
    private readonly ConcurrentQueue<SqsBatchOutcome> _outcomes = new();
    private readonly ConcurrentQueue<SqsEventSourceFault> _faults = new();

    public IReadOnlyList<SqsBatchOutcome> Outcomes => [.. _outcomes];

    public IReadOnlyList<SqsEventSourceFault> Faults => [.. _faults];

    public void BatchCompleted(SqsBatchOutcome outcome) => _outcomes.Enqueue(outcome);

    public void Faulted(SqsEventSourceFault fault) => _faults.Enqueue(fault);
}

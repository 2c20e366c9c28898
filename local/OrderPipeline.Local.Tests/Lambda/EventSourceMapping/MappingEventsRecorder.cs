using System.Collections.Concurrent;
using OrderPipeline.Local.Lambda.EventSourceMapping;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

/// <summary>Keeps what a mapping reports through <see cref="Events"/>.</summary>
internal sealed class MappingEventsRecorder
{
    private readonly ConcurrentQueue<SqsBatchOutcome> _outcomes = new();
    private readonly ConcurrentQueue<SqsEventSourceFault> _faults = new();

    public MappingEventsRecorder() =>
        Events = new SqsEventSourceMappingEvents { BatchCompleted = _outcomes.Enqueue, Faulted = _faults.Enqueue };

    public SqsEventSourceMappingEvents Events { get; }

    public IReadOnlyList<SqsBatchOutcome> Outcomes => [.. _outcomes];

    public IReadOnlyList<SqsEventSourceFault> Faults => [.. _faults];
}

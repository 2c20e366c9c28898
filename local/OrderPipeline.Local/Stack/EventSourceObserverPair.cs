using OrderPipeline.Local.Lambda.EventSourceMapping;

namespace OrderPipeline.Local.Stack;

/// <summary>Tells two observers of the event source mappings everything, <paramref name="first"/> first.</summary>
internal sealed class EventSourceObserverPair(ISqsEventSourceObserver first, ISqsEventSourceObserver second)
    : ISqsEventSourceObserver
{
    public void BatchCompleted(SqsBatchOutcome outcome)
    {
        first.BatchCompleted(outcome);
        second.BatchCompleted(outcome);
    }

    public void Faulted(SqsEventSourceFault fault)
    {
        first.Faulted(fault);
        second.Faulted(fault);
    }
}

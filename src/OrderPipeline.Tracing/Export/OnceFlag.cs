namespace OrderPipeline.Tracing.Export;

/// <summary>Lets one caller, the first, through: problems are reported once, not once per document.</summary>
internal sealed class OnceFlag
{
    private int _claimed;

    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;
}

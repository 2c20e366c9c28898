namespace OrderPipeline.Local.Lambda;

/// <summary>How an invocation ended: the response bytes, or an error.</summary>
internal sealed record RuntimeOutcome(ReadOnlyMemory<byte>? Response, InvocationError? Error)
{
    public static RuntimeOutcome Failed(InvocationError error) => new(null, error);
}

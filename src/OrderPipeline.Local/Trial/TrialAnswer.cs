namespace OrderPipeline.Local.Trial;

/// <summary>
/// One answer the client got: the HTTP status (0 when no answer came: a connection error or a client time-out) and,
/// for a 202, the <c>orderId</c> of its body.
/// </summary>
internal sealed record TrialAnswer(int Status, string? OrderId)
{
    public bool Accepted => Status == 202;

    /// <summary>A 5xx, or no answer at all: the client cannot know whether the order was taken.</summary>
    public bool IsServerFailure => Status is 0 or >= 500;
}

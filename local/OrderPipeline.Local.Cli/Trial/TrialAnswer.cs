namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// One answer the client got: the HTTP status (0 when no answer came: a connection error or a client time-out), for a
/// 202 the <c>orderId</c> of its body, and whether the producer said it replayed an earlier answer for the key
/// (<c>Idempotent-Replayed: true</c>).
/// </summary>
internal sealed record TrialAnswer(int Status, string? OrderId, bool Replayed = false)
{
    public bool Accepted => Status == 202;

    /// <summary>A 5xx, or no answer at all: the client cannot know whether the order was taken.</summary>
    public bool IsServerFailure => Status is 0 or >= 500;

    /// <summary>What a client sends again with the same key: a 5xx, no answer, or a 409 (the key's first request is still in progress).</summary>
    public bool IsRetryable => IsServerFailure || Status == 409;
}

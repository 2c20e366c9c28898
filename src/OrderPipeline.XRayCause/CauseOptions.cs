namespace OrderPipeline.XRayCause;

/// <summary>How much of each exception <see cref="CauseDocument"/> writes.</summary>
/// <param name="WithStacks">Whether frames are written; without them, <c>truncated</c> counts every frame.</param>
/// <param name="MaxMessageChars">Characters of a message kept (UTF-16 code units); a longer one is cut and ends in "...".</param>
/// <param name="Remote">Whether the exceptions came from a called service's answer (<c>remote: true</c>) rather than this process.</param>
public readonly record struct CauseOptions(bool WithStacks, int MaxMessageChars, bool Remote)
{
    /// <summary>Everything, from this process.</summary>
    public static CauseOptions Full => new(WithStacks: true, MaxMessageChars: int.MaxValue, Remote: false);
}

namespace OrderPipeline.XRayCause;

/// <summary>
/// One entry of an X-Ray <c>cause.exceptions</c>: an exception's type, its message and the first frames of its stack,
/// with the number of frames left out in <see cref="Truncated"/> (written as <c>truncated</c>).
/// </summary>
public sealed record CauseEntry(string Type, string? Message, IReadOnlyList<CauseStackFrame> Stack, int Truncated);

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// One batch's story: the trace of its invocation, the invocation's result, which records failed (and why, when the
/// whole batch did) and how many records were deleted. Records neither failed nor deleted are those whose delete kept
/// failing: they come back after the visibility timeout.
/// </summary>
internal sealed record SqsBatchOutcome(
    string FunctionLogicalId,
    string EventSourceName,
    string TraceId,
    int RecordCount,
    InvocationResult? Result,
    SqsBatchVerdict Verdict,
    int DeletedCount);

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// A failed call of an event source mapping: <paramref name="Operation"/> is the SQS operation (<c>ReceiveMessage</c>,
/// <c>DeleteMessageBatch</c>) or <c>Invoke</c>; <paramref name="Error"/> is what was thrown, or null for a batch entry
/// SQS refused, named by <paramref name="Detail"/>; <paramref name="RetryIn"/> is null when the call is given up.
/// </summary>
internal sealed record SqsEventSourceFault(
    string FunctionLogicalId, string EventSourceName, string Operation, Exception? Error, string Detail, TimeSpan? RetryIn);

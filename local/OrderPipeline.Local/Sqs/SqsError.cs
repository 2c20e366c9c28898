namespace OrderPipeline.Local.Sqs;

/// <summary>
/// An error answer as SQS sends it in AWS JSON 1.0: the HTTP status, the body
/// <c>{"__type":"<paramref name="Type"/>","message":"…"}</c> and the header
/// <c>x-amzn-query-error: <paramref name="QueryCode"/>;Sender</c> (<c>;Receiver</c> for a 5xx status), which the
/// AWS SDKs read for the error code of this query-compatible service (no header when <paramref name="QueryCode"/> is
/// null).
/// </summary>
public sealed record SqsError(int StatusCode, string Type, string? QueryCode, string Message)
{
    private const string SqsNamespace = "com.amazonaws.sqs#";
    private const string CoralNamespace = "com.amazon.coral.service#";

    /// <summary>The <c>x-amzn-query-error</c> value, or null when <see cref="QueryCode"/> is null.</summary>
    internal string? QueryErrorHeader =>
        QueryCode is null ? null : QueryCode + (StatusCode >= 500 ? ";Receiver" : ";Sender");

    /// <summary>HTTP 500 <c>InternalError</c>: the SDK retries it as a transient fault.</summary>
    public static SqsError InternalError() =>
        new(500, SqsNamespace + "InternalError", "InternalError", "We encountered an internal error. Please try again.");

    /// <summary>HTTP 503 <c>ServiceUnavailable</c>: the SDK retries it as a transient fault.</summary>
    public static SqsError ServiceUnavailable() =>
        new(503, SqsNamespace + "ServiceUnavailable", "ServiceUnavailable", "Service is unable to handle request.");

    /// <summary>
    /// HTTP 400 <c>RequestThrottled</c>, the throttling error SQS models; the SDK retries it as a throttle.
    /// </summary>
    public static SqsError RequestThrottled() =>
        new(400, SqsNamespace + "RequestThrottled", "RequestThrottled", "Rate exceeded");

    public static SqsError QueueDoesNotExist() =>
        new(400, SqsNamespace + "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
            "The specified queue does not exist.");

    public static SqsError InvalidParameterValue(string message) =>
        new(400, SqsNamespace + "InvalidParameterValue", "InvalidParameterValue", message);

    public static SqsError MissingParameter(string parameter) =>
        new(400, SqsNamespace + "MissingParameter", "MissingParameter",
            $"The request must contain the parameter {parameter}.");

    internal static SqsError InvalidMessageContents() =>
        new(400, SqsNamespace + "InvalidMessageContents", "InvalidMessageContents",
            "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | "
            + "#xE000 to #xFFFD | #x10000 to #x10FFFF");

    internal static SqsError ReceiptHandleIsInvalid(string handle) =>
        new(400, SqsNamespace + "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid",
            $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

    internal static SqsError QueueNameExists(string name) =>
        new(400, SqsNamespace + "QueueNameExists", "QueueAlreadyExists",
            $"A queue already exists with the same name and a different value for attribute(s): {name}");

    internal static SqsError EmptyBatchRequest(string entryType) =>
        new(400, SqsNamespace + "EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest",
            $"There should be at least one {entryType} in the request.");

    internal static SqsError MessageNotInflight() =>
        new(400, SqsNamespace + "MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight",
            "The message referred to isn't in flight.");

    internal static SqsError InvalidAttributeName(string name) =>
        new(400, SqsNamespace + "InvalidAttributeName", "InvalidAttributeName", $"Unknown Attribute {name}.");

    internal static SqsError TooManyEntriesInBatchRequest(int count) =>
        new(400, SqsNamespace + "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
            $"Maximum number of entries per request are 10. You have sent {count}.");

    internal static SqsError BatchEntryIdsNotDistinct(string id) =>
        new(400, SqsNamespace + "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
            $"Id {id} repeated.");

    internal static SqsError InvalidBatchEntryId() =>
        new(400, SqsNamespace + "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId",
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
            + "It can be at most 80 letters long.");

    internal static SqsError BatchRequestTooLong(int maxBytes) =>
        new(400, SqsNamespace + "BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong",
            $"Batch requests cannot be longer than {maxBytes} bytes.");

    internal static SqsError MissingAuthenticationToken() =>
        new(403, CoralNamespace + "MissingAuthenticationTokenException", "MissingAuthenticationToken",
            "Request is missing Authentication Token");

    internal static SqsError UnknownOperation(string message) =>
        new(400, CoralNamespace + "UnknownOperationException", "InvalidAction", message);

    /// <summary>A query protocol request without <c>Action</c> (AWS's common error MissingAction).</summary>
    internal static SqsError MissingAction() =>
        new(400, CoralNamespace + "MissingAction", "MissingAction", "The request is missing an action or a required parameter.");

    internal static SqsError Serialization(string message) =>
        new(400, CoralNamespace + "SerializationException", null, message);
}

/// <summary>Ends the handling of one request with the SQS error answer it carries.</summary>
internal sealed class SqsProtocolException : Exception
{
    public SqsProtocolException(SqsError error)
        : base(error.Message) => Error = error;

    public SqsError Error { get; }
}

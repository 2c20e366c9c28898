using OrderPipeline.Contracts;

namespace OrderPipeline.Producer.Http;

/// <summary>
/// The problems <c>POST /orders</c> can answer with. Each has its own <c>type</c> URI (a URN: it identifies the problem
/// without promising a web page), so clients branch on <c>type</c>, never on <c>title</c> or <c>detail</c> text.
/// </summary>
internal static class Problems
{
    public const string InvalidOrder = "urn:orderpipeline:problem:invalid-order";
    public const string BodyTooLarge = "urn:orderpipeline:problem:body-too-large";
    public const string UnsupportedMediaType = "urn:orderpipeline:problem:unsupported-media-type";
    public const string MethodNotAllowed = "urn:orderpipeline:problem:method-not-allowed";
    public const string QueueUnavailable = "urn:orderpipeline:problem:queue-unavailable";
    public const string OutcomeUnknown = "urn:orderpipeline:problem:outcome-unknown";
    public const string InternalError = "urn:orderpipeline:problem:internal-error";
    public const string KeyReused = "urn:orderpipeline:problem:idempotency-key-reused";
    public const string KeyInUse = "urn:orderpipeline:problem:idempotency-key-in-use";

    public static ProblemDetails Invalid(IReadOnlyList<ProblemError> errors, string? path, string? requestId) => new(
        InvalidOrder,
        "The order is not valid.",
        400,
        errors.Count == 1 ? Describe(errors[0]) : $"{errors.Count} fields are not valid; see errors.",
        path,
        requestId,
        errors);

    public static ProblemDetails TooLarge(string? path, string? requestId) => new(
        BodyTooLarge,
        "The request body is too large.",
        413,
        $"The body must be at most {OrderRules.MaxBodyBytes} bytes.",
        path,
        requestId,
        []);

    public static ProblemDetails WrongMediaType(string? path, string? requestId) => new(
        UnsupportedMediaType,
        "The request body must be JSON.",
        415,
        "Send the order as application/json.",
        path,
        requestId,
        []);

    public static ProblemDetails WrongMethod(string? path, string? requestId) => new(
        MethodNotAllowed,
        "Method not allowed.",
        405,
        "Orders are submitted with POST.",
        path,
        requestId,
        []);

    /// <summary>503: the order certainly was not accepted, and the same request may succeed later.</summary>
    public static ProblemDetails Unavailable(string? path, string? requestId) => new(
        QueueUnavailable,
        "The order could not be accepted right now.",
        503,
        "Nothing was accepted. Retry the same request later.",
        path,
        requestId,
        []);

    /// <summary>
    /// 504: the order may or may not have been accepted (a time-out, a connection lost after the message was sent).
    /// 504 because, like API Gateway's own 504, it answers "an upstream did not tell us in time"; no Retry-After,
    /// because only a retry with the same Idempotency-Key is safe.
    /// </summary>
    public static ProblemDetails Unknown(string? path, string? requestId) => new(
        OutcomeUnknown,
        "It is not known whether the order was accepted.",
        504,
        $"Retry with the same {IdempotencyKeyHeader.Name} header and the same order: you will get the order's answer, and the order is accepted at most once. A retry without the header may create a second order.",
        path,
        requestId,
        []);

    /// <summary>500: a fault of the service that no retry fixes until its operators act (they are alerted).</summary>
    public static ProblemDetails Internal(string? path, string? requestId) => new(
        InternalError,
        "The service cannot accept orders.",
        500,
        "Nothing was accepted. The service is misconfigured and its operators have been alerted; retrying will not help until it is fixed.",
        path,
        requestId,
        []);

    /// <summary>422 (draft-ietf-httpapi-idempotency-key-header §2.7): the key was used for a different order.</summary>
    public static ProblemDetails Reused(string? path, string? requestId) => new(
        KeyReused,
        "The Idempotency-Key was used for a different order.",
        422,
        $"Nothing was accepted. An {IdempotencyKeyHeader.Name} names one order; send a different order with a new key.",
        path,
        requestId,
        [ProblemError.InHeader(IdempotencyKeyHeader.Name, "was already used with a different order")]);

    /// <summary>409 (draft-ietf-httpapi-idempotency-key-header §2.7): a request with the same key is still being processed.</summary>
    public static ProblemDetails InUse(string? path, string? requestId) => new(
        KeyInUse,
        "A request with this Idempotency-Key is still being processed.",
        409,
        "Retry the same request after the time in Retry-After to get its answer.",
        path,
        requestId,
        [ProblemError.InHeader(IdempotencyKeyHeader.Name, "is in use by a request still being processed")]);

    private static string Describe(ProblemError error) => error switch
    {
        { Header: { } header } => $"The {header} header {error.Detail}.",
        { Pointer: null or "" } => $"The body {error.Detail}.",
        _ => $"{error.Pointer} {error.Detail}.",
    };
}

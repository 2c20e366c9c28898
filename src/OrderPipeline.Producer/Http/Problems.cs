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

    public static ProblemDetails Unavailable(string? path, string? requestId) => new(
        QueueUnavailable,
        "The order could not be accepted right now.",
        503,
        "Nothing was accepted. Retry the same request later.",
        path,
        requestId,
        []);

    private static string Describe(ProblemError error) => error switch
    {
        { Header: { } header } => $"The {header} header {error.Detail}.",
        { Pointer: null or "" } => $"The body {error.Detail}.",
        _ => $"{error.Pointer} {error.Detail}.",
    };
}

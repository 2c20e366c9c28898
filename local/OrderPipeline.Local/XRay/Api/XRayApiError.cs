namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// An error answer as X-Ray sends it in REST-JSON: the HTTP status, the header <c>x-amzn-ErrorType</c> with the error
/// code, and the body <c>{"__type":"<paramref name="Code"/>","message":"…"}</c>.
/// </summary>
internal sealed record XRayApiError(int StatusCode, string Code, string Message)
{
    /// <summary>400: X-Ray's answer to a request it cannot serve (a bad filter expression, a missing field).</summary>
    public static XRayApiError InvalidRequest(string message) => new(400, "InvalidRequestException", message);

    /// <summary>400: the body is not JSON, or not the shape the operation reads.</summary>
    public static XRayApiError Serialization(string message) => new(400, "SerializationException", message);

    /// <summary>404: no operation at this method and path.</summary>
    public static XRayApiError UnknownOperation(string method, string path) =>
        new(404, "UnknownOperationException", $"No X-Ray operation answers {method} {path}.");
}

/// <summary>Ends a request with <see cref="Error"/> as its answer.</summary>
internal sealed class XRayApiException(XRayApiError error) : Exception(error?.Message)
{
    public XRayApiError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}

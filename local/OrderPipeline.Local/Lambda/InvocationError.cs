namespace OrderPipeline.Local.Lambda;

/// <summary>
/// A failed invocation as Lambda reports it: the error type and message, and the error document the caller receives
/// (what the runtime posted, or the one Lambda writes for a timeout or a crashed runtime).
/// </summary>
public sealed record InvocationError(string ErrorType, string ErrorMessage, ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// The X-Ray <c>cause</c> object the runtime sent in <c>Lambda-Runtime-Function-XRay-Error-Cause</c> (JSON);
    /// null when it sent none or not a JSON object. Lambda puts it on the invocation's segments.
    /// </summary>
    public string? XRayCause { get; init; }
}

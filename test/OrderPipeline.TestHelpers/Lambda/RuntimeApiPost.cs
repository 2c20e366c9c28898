using System.Text.Json;

namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>
/// A post the runtime made to <see cref="RuntimeApiServer"/>, as it arrived on the wire: the request id in its path
/// (null for an init error), its headers (looked up case-insensitively) and its body.
/// </summary>
public sealed record RuntimeApiPost(
    RuntimeApiPostKind Kind,
    string? RequestId,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> header; null when absent.</summary>
    public string? ErrorType => Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var value) ? value : null;

    /// <summary>The <c>Lambda-Runtime-Function-XRay-Error-Cause</c> header; null when absent.</summary>
    public string? XRayErrorCause =>
        Headers.TryGetValue("Lambda-Runtime-Function-XRay-Error-Cause", out var value) ? value : null;

    /// <summary>The body parsed as JSON (throws <see cref="JsonException"/> when it is not).</summary>
    public JsonElement ReadBodyAsJson()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}

namespace OrderPipeline.Local.XRay.Api;

/// <summary>Ends a request with <see cref="Error"/> as its answer.</summary>
internal sealed class XRayApiException(XRayApiError error) : Exception(error?.Message)
{
    public XRayApiError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}

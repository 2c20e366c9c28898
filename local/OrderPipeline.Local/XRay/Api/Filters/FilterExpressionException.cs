namespace OrderPipeline.Local.XRay.Api.Filters;

/// <summary>A filter expression that cannot be read; the message says where and why.</summary>
internal sealed class FilterExpressionException(string message) : Exception(message);

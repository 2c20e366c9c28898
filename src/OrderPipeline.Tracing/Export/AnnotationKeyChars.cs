using System.Buffers;

namespace OrderPipeline.Tracing.Export;

/// <summary>The characters X-Ray allows in an annotation key.</summary>
internal static class AnnotationKeyChars
{
    public static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
}

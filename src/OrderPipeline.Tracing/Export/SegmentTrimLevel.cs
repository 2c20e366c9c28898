namespace OrderPipeline.Tracing.Export;

/// <summary>How much of a segment document <see cref="SegmentDocumentTrimmer"/> drops.</summary>
internal enum SegmentTrimLevel
{
    WithoutMetadata,
    WithoutStacks,
}

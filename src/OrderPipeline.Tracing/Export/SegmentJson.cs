using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrderPipeline.Tracing.Export;

/// <summary>How segment documents are written.</summary>
internal static class SegmentJson
{
    /// <summary>
    /// Non-ASCII text stays UTF-8 rather than <c>\uXXXX</c>, which keeps documents small: they go to the X-Ray daemon
    /// as JSON and are never embedded in HTML, which is all the relaxed encoder gives up.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };
}

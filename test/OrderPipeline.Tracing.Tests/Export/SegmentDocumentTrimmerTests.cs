using System.Buffers;
using System.Text;
using System.Text.Json;
using OrderPipeline.Tracing.Export;

namespace OrderPipeline.Tracing.Tests.Export;

public sealed class SegmentDocumentTrimmerTests
{
    private const string Document =
        """{"name":"n","id":"53995c3f42cd8ad8","start_time":1795670037.123456,"cause":{"exceptions":[{"id":"a","message":"m\u00fc \"q\"","stack":[{"label":"l"}],"truncated":3}]},"annotations":{"stack":"kept"},"metadata":{"default":{"big":"x"}}}""";

    [Fact]
    public void Trim_WithoutMetadata_DropsOnlyMetadata() =>
        Assert.Equal(
            """{"name":"n","id":"53995c3f42cd8ad8","start_time":1795670037.123456,"cause":{"exceptions":[{"id":"a","message":"mü \"q\"","stack":[{"label":"l"}],"truncated":3}]},"annotations":{"stack":"kept"}}""",
            Trim(SegmentTrimLevel.WithoutMetadata));

    [Fact]
    public void Trim_WithoutStacks_AlsoDropsExceptionStacks() =>
        Assert.Equal(
            """{"name":"n","id":"53995c3f42cd8ad8","start_time":1795670037.123456,"cause":{"exceptions":[{"id":"a","message":"mü \"q\""}]},"annotations":{"stack":"kept"}}""",
            Trim(SegmentTrimLevel.WithoutStacks));

    [Fact]
    public void Trim_NotJson_Throws() =>
        Assert.ThrowsAny<JsonException>(() =>
            SegmentDocumentTrimmer.Trim("{\"name\":"u8, SegmentTrimLevel.WithoutMetadata, new ArrayBufferWriter<byte>()));

    private static string Trim(SegmentTrimLevel level)
    {
        var output = new ArrayBufferWriter<byte>();
        SegmentDocumentTrimmer.Trim(Encoding.UTF8.GetBytes(Document), level, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}

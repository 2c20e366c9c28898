using System.Diagnostics;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests;

// The string overload keeps canonical extras as a slice of the text; these pin down that every way of reading a
// header (string, span, trace state) gives the same parts and the same canonical text.
public sealed partial class TraceHeaderTests
{
    [Theory]
    [InlineData(Headers.WithLineage)]
    [InlineData("Lineage=a87bd80c:1|68fd508a:5;Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1;Parent=53995c3f42cd8ad8")]
    [InlineData("  Root = 1-5759e988-bd862e3fe1be46a994272793 ;\tParent=53995c3f42cd8ad8 ; Sampled= 1;Lineage =a87bd80c:1|68fd508a:5  ")]
    public void TryParse_StringOrSpan_GivesEqualHeaders(string value)
    {
        Assert.True(TraceHeader.TryParse(value, out var fromString));
        Assert.True(TraceHeader.TryParse(value.AsSpan(), out var fromSpan));

        Assert.Equal(fromString, fromSpan);
        Assert.Equal(fromString.GetHashCode(), fromSpan.GetHashCode());
        Assert.Equal(Headers.WithLineage, fromSpan.ToString());
    }

    [Fact]
    public void TryParse_NullString_ReturnsFalse()
    {
        Assert.False(TraceHeader.TryParse((string?)null, out var header));
        Assert.Null(header);
    }

    [Theory]
    [InlineData("Self=a;Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=b")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Self=a;;Lineage=b;")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Self=a; ;Lineage=b")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Self = a;Lineage=b ")]
    public void TryParse_ExtrasApartOrSpaced_WritesThemTogetherInOrder(string value)
    {
        Assert.True(TraceHeader.TryParse(value, out var header));

        Assert.Equal([new("Self", "a"), new("Lineage", "b")], header.Extras);
        Assert.Equal($"Root={Headers.Root};Self=a;Lineage=b", header.ToString());
        Assert.Equal(new TraceHeader(Headers.Root, null, SamplingDecision.Unknown, [new("Self", "a"), new("Lineage", "b")]), header);
    }

    [Fact]
    public void TryParse_ExtraValueHoldingEquals_KeepsTheWholeValue()
    {
        Assert.True(TraceHeader.TryParse($"Root={Headers.Root};Parent={Headers.Parent};k=a=b;e=", out var header));

        Assert.Equal([new("k", "a=b"), new("e", "")], header.Extras);
        Assert.Equal($"Root={Headers.Root};Parent={Headers.Parent};k=a=b;e=", header.ToString());
    }

    [Fact]
    public void Root_IdsWithLeadingZeros_KeepEveryDigit()
    {
        const string root = "1-00000001-000000000000000000000002";
        const string parent = "0000000000000003";

        Assert.True(TraceHeader.TryParse($"Root={root};Parent={parent};Sampled=1", out var header));

        Assert.Equal(root, header.Root);
        Assert.Equal(parent, header.Parent);
        Assert.Equal("00000001000000000000000000000002", header.ToActivityContext().TraceId.ToHexString());
        Assert.Equal(parent, header.ToActivityContext().SpanId.ToHexString());
        Assert.Equal($"Root={root};Parent={parent};Sampled=1", header.ToString());
    }

    [Fact]
    public void ToString_LongExtras_WritesThemWhole()
    {
        var lineage = string.Join('|', Enumerable.Range(0, 40).Select(i => $"a87bd8{i:x2}:{i}"));

        Assert.True(TraceHeader.TryParse($"{Headers.Documented};Lineage={lineage}", out var header));

        Assert.Equal($"{Headers.Documented};Lineage={lineage}", header.ToString());
    }

    [Fact]
    public void FromActivity_TraceStateWithExtras_IgnoresIt()
    {
        using var activity = new Activity("child");
        activity.SetParentId(ActivityTraceId.CreateFromString(Headers.RootHex), ActivitySpanId.CreateFromString(Headers.Parent), ActivityTraceFlags.Recorded);
        activity.TraceStateString = "Lineage=b";
        activity.Start();

        var header = TraceHeader.FromActivity(activity);

        Assert.NotNull(header);
        Assert.Empty(header.Extras);
        Assert.Equal($"Root={Headers.Root};Parent={activity.SpanId.ToHexString()};Sampled=1", header.ToString());
    }
}

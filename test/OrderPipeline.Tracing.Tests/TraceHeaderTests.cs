using System.Diagnostics;
using CsCheck;
using OrderPipeline.TestHelpers.Time;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests;

public sealed partial class TraceHeaderTests
{
    [Fact]
    public void TryParse_DocumentedExample_ReadsEveryFieldAndWritesItBack()
    {
        Assert.True(TraceHeader.TryParse(Headers.Documented, out var header));

        Assert.Equal(Headers.Root, header.Root);
        Assert.Equal(Headers.Parent, header.Parent);
        Assert.Equal(SamplingDecision.Sampled, header.Sampled);
        Assert.Empty(header.OtherFields);
        Assert.Equal(Headers.Documented, header.ToString());
    }

    [Fact]
    public void TryParse_Lineage_KeepsItVerbatimAndWritesItLast()
    {
        Assert.True(TraceHeader.TryParse(Headers.WithLineage, out var header));

        Assert.Equal([new("Lineage", Headers.Lineage)], header.OtherFields);
        Assert.Equal(Headers.WithLineage, header.ToString());
    }

    [Theory]
    [InlineData("Sampled=1;Lineage=a87bd80c:1|68fd508a:5;Parent=53995c3f42cd8ad8;Root=1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Lineage=a87bd80c:1|68fd508a:5;Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1;Parent=53995c3f42cd8ad8")]
    [InlineData("  Root = 1-5759e988-bd862e3fe1be46a994272793 ;\tParent=53995c3f42cd8ad8 ; Sampled= 1;Lineage =a87bd80c:1|68fd508a:5  ")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5;")]
    public void TryParse_OtherOrderOrWhitespace_WritesTheCanonicalForm(string value)
    {
        Assert.True(TraceHeader.TryParse(value, out var header));

        Assert.Equal(Headers.WithLineage, header.ToString());
    }

    [Theory]
    [InlineData("Sampled=?", SamplingDecision.Requested)]
    [InlineData("Sampled=0", SamplingDecision.NotSampled)]
    [InlineData("Sampled=1", SamplingDecision.Sampled)]
    public void TryParse_SampledValue_ReadsTheDecision(string sampled, SamplingDecision expected)
    {
        var value = $"Root={Headers.Root};Parent={Headers.Parent};{sampled}";

        Assert.True(TraceHeader.TryParse(value, out var header));

        Assert.Equal(expected, header.Sampled);
        Assert.Equal(value, header.ToString());
    }

    [Fact]
    public void TryParse_RootOnly_HasNoParentAndUnknownSampling()
    {
        Assert.True(TraceHeader.TryParse($"Root={Headers.Root}", out var header));

        Assert.Null(header.Parent);
        Assert.Equal(SamplingDecision.Unknown, header.Sampled);
        Assert.Equal($"Root={Headers.Root}", header.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")]
    [InlineData("ROOT=1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Parent=53995c3f42cd8ad8;Sampled=1")]
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e98-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279")]
    [InlineData("Root=1-5759E988-BD862E3FE1BE46A994272793")]
    [InlineData("Root=1-5759e988bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279g")]
    [InlineData("Root=1-00000000-000000000000000000000000")]
    [InlineData("Root=")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995C3F42CD8AD8")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8x")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=2")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Root=1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1;Sampled=0")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;garbage")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;=value")]
    public void TryParse_MalformedHeader_ReturnsFalse(string value)
    {
        Assert.False(TraceHeader.TryParse(value, out var header));
        Assert.Null(header);
    }

    [Fact]
    public void TryParse_UnknownKeysWithCaseVariants_KeepsThemAsOtherFieldsInOrder()
    {
        Assert.True(TraceHeader.TryParse($"Root={Headers.Root};parent=x;Self=1-abc;Lineage={Headers.Lineage}", out var header));

        Assert.Null(header.Parent);
        Assert.Equal([new("parent", "x"), new("Self", "1-abc"), new("Lineage", Headers.Lineage)], header.OtherFields);
    }

    [Fact]
    public void Equals_SameFields_IsEqualWithTheSameHashCode()
    {
        Assert.True(TraceHeader.TryParse(Headers.WithLineage, out var parsed));
        var built = new TraceHeader(Headers.Root, Headers.Parent, SamplingDecision.Sampled, [new("Lineage", Headers.Lineage)]);

        Assert.Equal(built, parsed);
        Assert.Equal(built.GetHashCode(), parsed.GetHashCode());
        Assert.NotEqual(built, new TraceHeader(Headers.Root, Headers.Parent, SamplingDecision.NotSampled, [new("Lineage", Headers.Lineage)]));
        Assert.NotEqual(built, new TraceHeader(Headers.Root, Headers.Parent, SamplingDecision.Sampled));
    }

    [Theory]
    [InlineData("1-5759e988-bd862e3fe1be46a99427279", null, "k", "v")]
    [InlineData(Headers.Root, "53995C3F42CD8AD8", "k", "v")]
    [InlineData(Headers.Root, null, "Root", "v")]
    [InlineData(Headers.Root, null, "k;", "v")]
    [InlineData(Headers.Root, null, "k", "v;w")]
    [InlineData(Headers.Root, null, " k", "v")]
    [InlineData(Headers.Root, null, "", "v")]
    public void Constructor_FieldThatCannotBeWritten_Throws(string root, string? parent, string key, string value) =>
        Assert.ThrowsAny<ArgumentException>(() => new TraceHeader(root, parent, SamplingDecision.Sampled, [new(key, value)]));

    [Fact]
    public void ToActivityContext_SampledWithLineage_CarriesIdsAndFlagButNoTraceState()
    {
        Assert.True(TraceHeader.TryParse(Headers.WithLineage, out var header));

        var context = header.ToActivityContext();

        Assert.Equal(Headers.RootHex, context.TraceId.ToHexString());
        Assert.Equal(Headers.Parent, context.SpanId.ToHexString());
        Assert.Equal(ActivityTraceFlags.Recorded, context.TraceFlags);
        Assert.Null(context.TraceState);
        Assert.True(context.IsRemote);
    }

    [Theory]
    [InlineData(SamplingDecision.NotSampled)]
    [InlineData(SamplingDecision.Requested)]
    [InlineData(SamplingDecision.Unknown)]
    public void ToActivityContext_NotSampled_IsNotRecorded(SamplingDecision sampled)
    {
        var context = new TraceHeader(Headers.Root, Headers.Parent, sampled).ToActivityContext();

        Assert.Equal(ActivityTraceFlags.None, context.TraceFlags);
        Assert.Equal(Headers.Parent, context.SpanId.ToHexString());
        Assert.Null(context.TraceState);
    }

    [Fact]
    public void ToActivityContext_NoParent_IsDefault() =>
        Assert.Equal(default, new TraceHeader(Headers.Root, null, SamplingDecision.Sampled).ToActivityContext());

    [Fact]
    public void FromActivity_ActivityUnderHeader_GivesItsOwnSpanAsParentAndKeepsLineage()
    {
        var start = new DateTime(2026, 11, 26, 5, 13, 57, DateTimeKind.Utc);
        var root = XRayTraceId.Format(XRayTraceId.New(new ManualTimeProvider(start)));
        var incoming = new TraceHeader(root, Headers.Parent, SamplingDecision.Sampled, [new("Lineage", Headers.Lineage)]);
        using var activity = StartUnder(incoming, start);

        var header = TraceHeader.FromActivity(activity);

        Assert.Equal(new TraceHeader(root, activity.SpanId.ToHexString(), SamplingDecision.Sampled, incoming.OtherFields), header);
        Assert.Null(activity.TraceStateString);
    }

    [Fact]
    public void FromActivity_GrandchildOfTheCarryingActivity_KeepsLineageVerbatim()
    {
        var start = new DateTime(2026, 11, 26, 5, 13, 57, DateTimeKind.Utc);
        Assert.True(TraceHeader.TryParse(Headers.WithLineage, out var incoming));
        using var handler = StartUnder(incoming, start);
        using var call = new Activity("call").Start();
        using var attempt = new Activity("attempt").Start();

        var header = TraceHeader.FromActivity(attempt);

        Assert.Same(handler, call.Parent);
        Assert.Same(call, attempt.Parent);
        Assert.Equal($"Root={Headers.Root};Parent={attempt.SpanId.ToHexString()};Sampled=1;Lineage={Headers.Lineage}", header?.ToString());
    }

    [Fact]
    public void FromActivity_CarriedHeaderOfAnotherTrace_ForwardsNoOtherFields()
    {
        var start = new DateTime(2026, 11, 26, 5, 13, 57, DateTimeKind.Utc);
        Assert.True(TraceHeader.TryParse(Headers.WithLineage, out var incoming));
        const string otherRoot = "1-6925d0a5-000000000000000000000001";
        using var activity = StartUnder(new TraceHeader(otherRoot, Headers.Parent, SamplingDecision.Sampled), start);
        incoming.CarryOtherFieldsOn(activity);

        Assert.Equal($"Root={otherRoot};Parent={activity.SpanId.ToHexString()};Sampled=1", TraceHeader.FromActivity(activity)?.ToString());
    }

    [Fact]
    public void FromActivity_NotRecorded_WritesSampledZero()
    {
        var start = new DateTime(2026, 11, 26, 5, 13, 57, DateTimeKind.Utc);
        var root = XRayTraceId.Format(XRayTraceId.New(new ManualTimeProvider(start)));
        using var activity = StartUnder(new TraceHeader(root, Headers.Parent, SamplingDecision.NotSampled), start);

        Assert.Equal($"Root={root};Parent={activity.SpanId.ToHexString()};Sampled=0", TraceHeader.FromActivity(activity)?.ToString());
    }

    [Theory]
    [InlineData(-31 * 24 * 60)]
    [InlineData(10)]
    public void FromActivity_TraceIdFarFromTheActivityStart_IsStillForwarded(int minutesFromStart)
    {
        var start = new DateTime(2026, 11, 26, 5, 13, 57, DateTimeKind.Utc);
        var root = XRayTraceId.Format(XRayTraceId.New(new ManualTimeProvider(start.AddMinutes(minutesFromStart))));
        using var activity = StartUnder(new TraceHeader(root, Headers.Parent, SamplingDecision.Sampled), start);

        Assert.Equal(root, TraceHeader.FromActivity(activity)?.Root);
    }

    [Fact]
    public void FromActivity_HierarchicalId_ReturnsNull()
    {
        using var activity = new Activity("legacy");
        activity.SetIdFormat(ActivityIdFormat.Hierarchical);
        activity.Start();

        Assert.Null(TraceHeader.FromActivity(activity));
    }

    // The string overload keeps canonical other fields as a slice of the text; these pin down that every way of
    // reading a header (string, span, trace state) gives the same fields and the same canonical text.
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
    public void TryParse_OtherFieldsApartOrSpaced_WritesThemTogetherInOrder(string value)
    {
        Assert.True(TraceHeader.TryParse(value, out var header));

        Assert.Equal([new("Self", "a"), new("Lineage", "b")], header.OtherFields);
        Assert.Equal($"Root={Headers.Root};Self=a;Lineage=b", header.ToString());
        Assert.Equal(new TraceHeader(Headers.Root, null, SamplingDecision.Unknown, [new("Self", "a"), new("Lineage", "b")]), header);
    }

    [Fact]
    public void TryParse_OtherFieldValueHoldingEquals_KeepsTheWholeValue()
    {
        Assert.True(TraceHeader.TryParse($"Root={Headers.Root};Parent={Headers.Parent};k=a=b;e=", out var header));

        Assert.Equal([new("k", "a=b"), new("e", "")], header.OtherFields);
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
    public void ToString_LongOtherFields_WritesThemWhole()
    {
        var lineage = string.Join('|', Enumerable.Range(0, 40).Select(i => $"a87bd8{i:x2}:{i}"));

        Assert.True(TraceHeader.TryParse($"{Headers.Documented};Lineage={lineage}", out var header));

        Assert.Equal($"{Headers.Documented};Lineage={lineage}", header.ToString());
    }

    [Fact]
    public void FromActivity_TraceStateWithOtherFields_IgnoresIt()
    {
        using var activity = new Activity("child");
        activity.SetParentId(ActivityTraceId.CreateFromString(Headers.RootHex), ActivitySpanId.CreateFromString(Headers.Parent), ActivityTraceFlags.Recorded);
        activity.TraceStateString = "Lineage=b";
        activity.Start();

        var header = TraceHeader.FromActivity(activity);

        Assert.NotNull(header);
        Assert.Empty(header.OtherFields);
        Assert.Equal($"Root={Headers.Root};Parent={activity.SpanId.ToHexString()};Sampled=1", header.ToString());
    }

    private static Activity StartUnder(TraceHeader header, DateTime start)
    {
        var context = header.ToActivityContext();
        var activity = new Activity("child");
        activity.SetParentId(context.TraceId, context.SpanId, context.TraceFlags);
        activity.SetStartTime(start);
        activity.Start();
        header.CarryOtherFieldsOn(activity);
        return activity;
    }
}

using System.Diagnostics;
using System.Text.Json;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests;

public sealed class XRayExporterTests
{
    [Fact]
    public void ActivityStopped_SampledParent_SendsSubsegmentWithExactlyTheRequiredFields()
    {
        using var harness = new ExportHarness();
        string spanId = "";

        var document = harness.ExportOne("SubmitOrder", ActivityKind.Internal, activity =>
            spanId = activity.SpanId.ToHexString());

        Assert.Equal(["name", "id", "trace_id", "parent_id", "type", "start_time", "end_time"], PropertyNames(document));
        Assert.Equal("SubmitOrder", document.GetProperty("name").GetString());
        Assert.Equal(spanId, document.GetProperty("id").GetString());
        Assert.Equal(Headers.Root, document.GetProperty("trace_id").GetString());
        Assert.Equal(Headers.Parent, document.GetProperty("parent_id").GetString());
        Assert.Equal("subsegment", document.GetProperty("type").GetString());
        Assert.Equal("1795670037.123456", document.GetProperty("start_time").GetRawText());
        Assert.Equal("1795670037.124956", document.GetProperty("end_time").GetRawText());
    }

    [Fact]
    public void ActivityStopped_NestedActivities_EachNamesItsParent()
    {
        using var harness = new ExportHarness();
        string outerId;
        using (var outer = harness.Source.StartActivity("Outer", ActivityKind.Internal, ExportHarness.SampledParent)!)
        {
            outerId = outer.SpanId.ToHexString();
            using var inner = harness.Source.StartActivity("Inner")!;
        }

        var documents = harness.Sink.Documents;
        Assert.Equal(["Inner", "Outer"], documents.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(outerId, documents[0].GetProperty("parent_id").GetString());
        Assert.Equal(Headers.Parent, documents[1].GetProperty("parent_id").GetString());
        Assert.All(documents, d => Assert.Equal(Headers.Root, d.GetProperty("trace_id").GetString()));
    }

    [Fact]
    public void StartActivity_ParentNotSampled_CarriesIdsButSendsNothing()
    {
        using var harness = new ExportHarness();
        var root = XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));
        var parent = new TraceHeader(root, Headers.Parent, SamplingDecision.NotSampled).ToActivityContext();
        TraceHeader? downstream;
        using (var activity = harness.Source.StartActivity("SubmitOrder", ActivityKind.Internal, parent))
        {
            Assert.NotNull(activity);
            Assert.False(activity.Recorded);
            downstream = TraceHeader.FromActivity(activity);
        }

        Assert.Empty(harness.Sink.Documents);
        Assert.Equal(root, downstream?.Root);
        Assert.Equal(SamplingDecision.NotSampled, downstream?.Sampled);
    }

    [Fact]
    public void StartActivity_NoParent_CreatesNoActivity()
    {
        using var harness = new ExportHarness();

        using var activity = harness.Source.StartActivity("SubmitOrder");

        Assert.Null(activity);
        Assert.Empty(harness.Sink.Documents);
    }

    [Fact]
    public void StartActivity_OtherSource_IsNotExported()
    {
        using var harness = new ExportHarness();
        using var other = TestSources.Create();

        using (other.StartActivity("Elsewhere", ActivityKind.Internal, ExportHarness.SampledParent))
        {
        }

        Assert.Empty(harness.Sink.Documents);
    }

    [Fact]
    public void Dispose_ThenActivity_NothingIsSent()
    {
        var harness = new ExportHarness();
        var source = harness.Source;
        var sink = harness.Sink;
        using var keep = new ActivitySource(source.Name);
        harness.Dispose();

        using (keep.StartActivity("Late", ActivityKind.Internal, ExportHarness.SampledParent))
        {
        }

        Assert.Empty(sink.Documents);
    }

    [Fact]
    public void ActivityStopped_LargeThenSmallDocument_SendsEachWhole()
    {
        using var harness = new ExportHarness();
        var blob = new string('b', 100_000);

        harness.ExportOne("Large", ActivityKind.Internal, activity => activity.SetTag("blob", blob));
        using (harness.Source.StartActivity("Small", ActivityKind.Internal, ExportHarness.SampledParent))
        {
        }

        var documents = harness.Sink.Documents;
        Assert.Equal(2, documents.Count);
        Assert.Equal(blob, documents[0].GetProperty("metadata").GetProperty("default").GetProperty("blob").GetString());
        Assert.Equal("Small", documents[1].GetProperty("name").GetString());
        Assert.False(documents[1].TryGetProperty("metadata", out _));
    }

    private static List<string> PropertyNames(JsonElement document) => [.. document.EnumerateObject().Select(p => p.Name)];
}

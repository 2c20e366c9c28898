using System.Text.Json;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.XRay.Api;
using OrderPipeline.Local.XRay.Viewer;

namespace OrderPipeline.Local.Browser.Tests.XRay.Viewer;

/// <summary>
/// The <see cref="TraceViewer"/> page against an X-Ray API that answers one summary and one trace a page: what it
/// shows needs every page, so it follows <c>NextToken</c> on GetTraceSummaries and BatchGetTraces.
/// </summary>
public sealed class TraceViewerPagingTests
{
    [SkippableFact]
    public async Task Page_ApiAnsweringAPageAtATime_ShowsEveryTraceAndTheLinkedConsumer()
    {
        HeadlessChromium.RequireInstalled();
        var start = Math.Floor(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30.0);
        var ids = Enumerable.Range(1, 5).Select(n => $"1-{(long)start:x8}-{n:x24}").ToList();
        var (producer, consumer, laterConsumer) = (ids[0], ids[1], ids[2]);
        var store = new TraceStore();
        Add(store, start, producer, """{"name":"OrdersApi/v1","id":"a000000000000001","origin":"AWS::ApiGateway::Stage","start":0,"end":0.2,"http":{"request":{"url":"http://127.0.0.1/v1/orders","method":"POST"},"response":{"status":202}}}""");
        Add(store, start, producer, """{"name":"ProducerFunction","id":"b000000000000001","parent_id":"a000000000000001","origin":"AWS::Lambda","start":0.01,"end":0.19}""");
        Add(store, start, producer, """{"name":"ProducerFunction","id":"c000000000000001","parent_id":"b000000000000001","origin":"AWS::Lambda::Function","start":0.02,"end":0.18,"subsegments":[{"name":"SQS","id":"d000000000000001","namespace":"aws","start":0.05,"end":0.1,"aws":{"operation":"SendMessage","queue_url":"http://127.0.0.1:9324/000000000000/orders"}}]}""");
        Add(store, start, consumer, """{"name":"ConsumerFunction","id":"b000000000000002","origin":"AWS::Lambda","start":1.1,"end":1.4,"links":[{"trace_id":"PRODUCER","id":"d000000000000001"}]}""".Replace("PRODUCER", producer, StringComparison.Ordinal));
        Add(store, start, consumer, """{"name":"ConsumerFunction","id":"c000000000000002","parent_id":"b000000000000002","origin":"AWS::Lambda::Function","start":1.11,"end":1.39}""");
        Add(store, start, laterConsumer, """{"name":"ConsumerFunction","id":"b000000000000003","origin":"AWS::Lambda","start":2,"end":2.5,"fault":true}""");
        Add(store, start, ids[3], """{"name":"Elsewhere","id":"a000000000000004","start":3,"end":3.1}""");
        Add(store, start, ids[4], """{"name":"Elsewhere","id":"a000000000000005","start":4,"end":4.1}""");
        await using var host = await XRayApiHost.StartAsync(
            0, store, new XRayApiPaging(SummariesPerPage: 1, TraceBytesPerPage: 1), CancellationToken.None);
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);
            await page.GotoAsync(host.ViewerUrl);

            // Five pages of GetTraceSummaries make the list.
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#traces li').length === 5");
            var listed = await page.Locator("#traces li").EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.traceId)");
            Assert.Equal(ids.AsEnumerable().Reverse(), listed);

            // The consumers are looked for with one BatchGetTraces of both ConsumerFunction traces, the later first:
            // the linked one comes on its second page.
            await page.Locator($"#traces li[data-trace-id='{producer}'] button").ClickAsync();
            await page.Locator($"#timeline .row[data-role='consumer'][data-trace-id='{consumer}']").First.WaitForAsync();
            Assert.Equal(0, await page.Locator($"#timeline .row[data-trace-id='{laterConsumer}']").CountAsync());
            // API Gateway, the Lambda service and function, the SendMessage call and the queue's inferred segment.
            Assert.Equal(5, await page.Locator($"#timeline .row[data-role='producer'][data-trace-id='{producer}']").CountAsync());
            Assert.Equal(2, await page.Locator($"#timeline .row[data-role='consumer'][data-trace-id='{consumer}']").CountAsync());
            Assert.Empty(pageErrors);
        }
    }

    // A document of the trace `traceId` whose "start" and "end" (also in its subsegments) are seconds after `start`.
    private static void Add(TraceStore store, double start, string traceId, string template)
    {
        using var parsed = JsonDocument.Parse(template);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("trace_id", traceId);
            WriteMembers(writer, parsed.RootElement, start);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        Assert.True(StoredSegment.TryRead(document.RootElement.Clone(), out var segment), traceId);
        store.Add(segment!);
    }

    private static void WriteShifted(Utf8JsonWriter writer, JsonElement element, double start)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray();
            foreach (var item in element.EnumerateArray())
            {
                WriteShifted(writer, item, start);
            }

            writer.WriteEndArray();
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            element.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        WriteMembers(writer, element, start);
        writer.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter writer, JsonElement element, double start)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("start") || property.NameEquals("end"))
            {
                writer.WriteNumber(property.NameEquals("start") ? "start_time" : "end_time", start + property.Value.GetDouble());
                continue;
            }

            writer.WritePropertyName(property.Name);
            WriteShifted(writer, property.Value, start);
        }
    }
}

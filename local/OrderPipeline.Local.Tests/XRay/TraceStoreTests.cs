using System.Text;
using System.Text.Json;
using OrderPipeline.Local.Tests.XRay.Api;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.XRay;

public sealed class TraceStoreTests : IDisposable
{
    private const string First =
        """{"name":"ProducerFunction","id":"c000000000000001","trace_id":"1-6925d0a5-000000000000000000000001","origin":"AWS::Lambda::Function","start_time":1764134000.123456,"end_time":1764134000.2,"annotations":{"note":"café \"quoted\""}}""";
    private const string Second =
        """{"name":"SQS","id":"d000000000000002","trace_id":"1-6925d0a5-000000000000000000000001","parent_id":"c000000000000001","type":"subsegment","namespace":"aws","start_time":1764134000.1,"end_time":1764134000.15,"aws":{"retries":0}}""";
    private const string Other =
        """{"name":"ConsumerFunction","id":"b000000000000002","trace_id":"1-6925d0a6-000000000000000000000002","origin":"AWS::Lambda","start_time":1764134001,"end_time":1764134002}""";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "traces-" + Guid.NewGuid().ToString("N"));

    private string JournalFile => Path.Combine(_directory, "traces", "segments.ndjson");

    [Fact]
    public async Task Open_AfterSegmentsWereAddedAndTheStoreDisposed_LoadsTheSameTraces()
    {
        await using (var store = TraceStore.Open(_directory))
        {
            SampleTraces.Add(store, First, Second, Other);
        }

        await using var reopened = TraceStore.Open(_directory);

        Assert.Equal(3, reopened.SegmentCount);
        Assert.Equal(["1-6925d0a5-000000000000000000000001", "1-6925d0a6-000000000000000000000002"], reopened.TraceIds().Order());
        Assert.Equal([First, Second], reopened.Trace("1-6925d0a5-000000000000000000000001").Select(s => s.Document.GetRawText()));
        Assert.Equal(Other, Assert.Single(reopened.Trace("1-6925d0a6-000000000000000000000002")).Document.GetRawText());
    }

    [Fact]
    public async Task Open_ThenAddMore_AppendsAfterWhatWasLoaded()
    {
        await using (var store = TraceStore.Open(_directory))
        {
            SampleTraces.Add(store, First);
        }

        await using (var store = TraceStore.Open(_directory))
        {
            SampleTraces.Add(store, Second);
        }

        Assert.Equal([First, Second], await File.ReadAllLinesAsync(JournalFile));
    }

    [Fact]
    public async Task Open_JournalWithUnreadableLines_SkipsThemAndLoadsTheRest()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        var lines = new[]
        {
            Encoding.UTF8.GetBytes(First), "garbage"u8.ToArray(), "{\"name\":"u8.ToArray(), [], "[1,2]"u8.ToArray(),
            """{"name":"no trace id","id":"1","start_time":1}"""u8.ToArray(), [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D],
            Encoding.UTF8.GetBytes(Other),
        };
        await File.WriteAllBytesAsync(JournalFile, [.. lines.SelectMany(line => line.Append((byte)'\n'))]);

        await using var store = TraceStore.Open(_directory);

        Assert.Equal(2, store.SegmentCount);
        Assert.Equal(First, Assert.Single(store.Trace("1-6925d0a5-000000000000000000000001")).Document.GetRawText());
        Assert.Equal(Other, Assert.Single(store.Trace("1-6925d0a6-000000000000000000000002")).Document.GetRawText());
    }

    [Fact]
    public async Task Add_AfterAJournalCutMidLine_StartsANewLine()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        await File.WriteAllTextAsync(JournalFile, First + "\n{\"name\":\"cut");
        await using (var store = TraceStore.Open(_directory))
        {
            SampleTraces.Add(store, Second);
        }

        await using var reopened = TraceStore.Open(_directory);

        Assert.Equal([First, Second], reopened.Trace("1-6925d0a5-000000000000000000000001").Select(s => s.Document.GetRawText()));
    }

    [Fact]
    public async Task Add_DocumentWrittenWithWhitespace_IsKeptOnOneLine()
    {
        using var other = JsonDocument.Parse(Other);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            other.RootElement.WriteTo(writer);
        }

        var pretty = Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Contains('\n', pretty);
        await using (var store = TraceStore.Open(_directory))
        {
            SampleTraces.Add(store, pretty);
        }

        Assert.Equal([Other], await File.ReadAllLinesAsync(JournalFile));
    }

    [Fact]
    public async Task DisposeAsync_InMemoryStore_WritesNothing()
    {
        var store = new TraceStore();
        SampleTraces.Add(store, First);

        await store.DisposeAsync();

        Assert.False(Directory.Exists(_directory));
        Assert.Equal(1, store.SegmentCount);
    }

    [Fact]
    public void Subscribe_SegmentsBeforeAndAfter_ReturnsTheHeldOnesAndIsToldOfEachLaterOneOnce()
    {
        var store = new TraceStore();
        SampleTraces.Add(store, First, Second);
        var told = new List<string>();

        var held = store.Subscribe(segment => told.Add(segment.Id));
        SampleTraces.Add(store, Other);

        Assert.Equal(["c000000000000001", "d000000000000002"], held.Select(s => s.Id).Order());
        Assert.Equal(["b000000000000002"], told);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

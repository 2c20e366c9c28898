using System.Collections.Concurrent;
using System.Text.Json;

namespace OrderPipeline.Tracing.Tests.Support;

/// <summary>Keeps every document sent to it, parsed, for assertions.</summary>
internal sealed class InMemorySegmentSink : ISegmentSink
{
    private readonly ConcurrentQueue<JsonElement> _documents = new();

    public IReadOnlyList<JsonElement> Documents => [.. _documents];

    public JsonElement Single() => Assert.Single(Documents);

    public void Send(ReadOnlySpan<byte> document)
    {
        var reader = new Utf8JsonReader(document);
        _documents.Enqueue(JsonElement.ParseValue(ref reader));
    }
}

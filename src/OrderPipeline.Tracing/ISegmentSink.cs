namespace OrderPipeline.Tracing;

/// <summary>Receives finished X-Ray segment documents (UTF-8 JSON, one document per call).</summary>
public interface ISegmentSink
{
    /// <summary>Sends or stores the document. Must never throw: it runs when an activity stops, inside the request.</summary>
    void Send(ReadOnlySpan<byte> document);
}

using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Tracing;
using OrderPipeline.Tracing.Export;

namespace OrderPipeline.Benchmarks.Tracing;

/// <summary>
/// Writing the subsegment document of a finished SQS call: into fresh buffers (the baseline, as <c>XRayExporter</c> once
/// did for every activity), through the <see cref="DocumentBuffer"/> the exporter now keeps, and into plain reused
/// buffers, which is the writer's own cost.
/// </summary>
[MemoryDiagnoser]
public class SegmentDocumentBenchmarks
{
    // The first guess at a document's size XRayExporter made when it allocated a buffer per document.
    private const int InitialDocumentBytes = 2048;

    private readonly SegmentDocumentWriter _writer = SampleTrace.NewDocumentWriter();
    private readonly ArrayBufferWriter<byte> _buffer = new(InitialDocumentBytes);
    private readonly DocumentBuffer _documentBuffer = new();
    private readonly Activity _sqsCall = SampleTrace.FinishedSqsCall();
    private Utf8JsonWriter? _json;

    [GlobalSetup]
    public void Setup() => _json = new Utf8JsonWriter(_buffer, SegmentDocumentWriter.JsonOptions);

    [GlobalCleanup]
    public void Cleanup()
    {
        _json?.Dispose();
        _documentBuffer.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int FreshBuffers()
    {
        var document = new ArrayBufferWriter<byte>(InitialDocumentBytes);
        using (var json = new Utf8JsonWriter(document, SegmentDocumentWriter.JsonOptions))
        {
            _writer.Write(_sqsCall, json);
        }

        return document.WrittenCount;
    }

    [Benchmark]
    public int AsExporter() => _documentBuffer.Write(_writer, _sqsCall).Length;

    [Benchmark]
    public int ReusedBuffers()
    {
        _buffer.ResetWrittenCount();
        _json!.Reset();
        _writer.Write(_sqsCall, _json);
        _json.Flush();
        return _buffer.WrittenCount;
    }
}

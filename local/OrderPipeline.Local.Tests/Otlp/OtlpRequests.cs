using Google.Protobuf;
using OrderPipeline.Local.Otlp.Proto;

namespace OrderPipeline.Local.Tests.Otlp;

/// <summary>Hand-built OTLP requests for the receivers' tests: one resource, one scope, the spans given.</summary>
internal static class OtlpRequests
{
    public const string TraceIdHex = "5759e988bd862e3fe1be46a994272793";
    public const string XRayTraceId = "1-5759e988-bd862e3fe1be46a994272793";
    public const string ServerSpanIdHex = "53995c3f42cd8ad8";
    public const string ClientSpanIdHex = "70de5b6f19ff9a0a";
    public const string UpstreamTraceIdHex = "5759e900aaaaaaaaaaaaaaaaaaaaaaaa";
    public const string UpstreamSpanIdHex = "1111222233334444";

    /// <summary>1764134037.1 s after the epoch, in nanoseconds.</summary>
    public const ulong Start = 1_764_134_037_100_000_000;

    public static ExportTraceServiceRequest Of(string serviceName, params Span[] spans)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "test" } };
        scope.Spans.AddRange(spans);
        var resource = new ResourceSpans { Resource = new Resource() };
        resource.Resource.Attributes.Add(Attribute("service.name", serviceName));
        resource.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resource);
        return request;
    }

    /// <summary>A SERVER span without a parent, 50 ms long.</summary>
    public static Span Server(string spanIdHex = ServerSpanIdHex) => new()
    {
        TraceId = Id(TraceIdHex),
        SpanId = Id(spanIdHex),
        Name = "POST /orders",
        Kind = Span.Types.SpanKind.Server,
        StartTimeUnixNano = Start,
        EndTimeUnixNano = Start + 50_000_000,
    };

    /// <summary>A child of <see cref="Server"/> of the given kind, 20 ms long.</summary>
    public static Span Child(Span.Types.SpanKind kind, string name, string spanIdHex = ClientSpanIdHex) => new()
    {
        TraceId = Id(TraceIdHex),
        SpanId = Id(spanIdHex),
        ParentSpanId = Id(ServerSpanIdHex),
        Name = name,
        Kind = kind,
        StartTimeUnixNano = Start + 10_000_000,
        EndTimeUnixNano = Start + 30_000_000,
    };

    public static ByteString Id(string hex) => ByteString.CopyFrom(Convert.FromHexString(hex));

    public static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Attribute(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };
}

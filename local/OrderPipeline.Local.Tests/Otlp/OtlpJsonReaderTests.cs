using System.Text;
using OrderPipeline.Local.Otlp;
using OrderPipeline.Local.Otlp.Proto;
using static OrderPipeline.Local.Tests.Otlp.OtlpRequests;

namespace OrderPipeline.Local.Tests.Otlp;

// OTLP/JSON as https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding defines it: hex ids, integer enums,
// lowerCamelCase names, 64-bit integers as strings or numbers, unknown fields ignored.
public sealed class OtlpJsonReaderTests
{
    private const string Example = """
        {"resourceSpans":[{
          "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"orders-producer"}}]},
          "scopeSpans":[{
            "scope":{"name":"manual","version":"1.0.0"},
            "spans":[{
              "traceId":"5759E988BD862E3FE1BE46A994272793","spanId":"70de5b6f19ff9a0a","parentSpanId":"53995c3f42cd8ad8",
              "name":"SQS.SendMessage","kind":3,"flags":257,
              "startTimeUnixNano":"1764134037100000000","endTimeUnixNano":1764134037130000000,
              "attributes":[
                {"key":"i","value":{"intValue":"-9007199254740993"}},
                {"key":"i2","value":{"intValue":42}},
                {"key":"d","value":{"doubleValue":"Infinity"}},
                {"key":"b","value":{"boolValue":true}},
                {"key":"bytes","value":{"bytesValue":"AQI="}},
                {"key":"list","value":{"arrayValue":{"values":[{"stringValue":"a"},{"kvlistValue":{"values":[{"key":"k","value":{"doubleValue":2.5}}]}}]}}}],
              "events":[{"timeUnixNano":"1764134037120000000","name":"exception",
                "attributes":[{"key":"exception.type","value":{"stringValue":"E"}}]}],
              "links":[{"traceId":"5759e900aaaaaaaaaaaaaaaaaaaaaaaa","spanId":"1111222233334444","traceState":"k=v","flags":1,
                "attributes":[{"key":"l","value":{"stringValue":"x"}}]}],
              "status":{"code":2,"message":"boom"},
              "futureField":{"ignored":true}
            }]
          }]
        }]}
        """;

    [Fact]
    public void Read_SpecExampleShapes_GivesTheSameMessageAsProtobuf()
    {
        var request = OtlpJsonReader.Read(Encoding.UTF8.GetBytes(Example));

        var span = request.ResourceSpans[0].ScopeSpans[0].Spans[0];
        Assert.Equal("orders-producer", request.ResourceSpans[0].Resource.Attributes[0].Value.StringValue);
        Assert.Equal(("manual", "1.0.0"), (request.ResourceSpans[0].ScopeSpans[0].Scope.Name, request.ResourceSpans[0].ScopeSpans[0].Scope.Version));
        Assert.Equal(Id(TraceIdHex), span.TraceId);
        Assert.Equal(Id(ClientSpanIdHex), span.SpanId);
        Assert.Equal(Id(ServerSpanIdHex), span.ParentSpanId);
        Assert.Equal(("SQS.SendMessage", Span.Types.SpanKind.Client, 257u), (span.Name, span.Kind, span.Flags));
        Assert.Equal((1764134037100000000ul, 1764134037130000000ul), (span.StartTimeUnixNano, span.EndTimeUnixNano));
        Assert.Equal(-9007199254740993, span.Attributes[0].Value.IntValue);
        Assert.Equal(42, span.Attributes[1].Value.IntValue);
        Assert.Equal(double.PositiveInfinity, span.Attributes[2].Value.DoubleValue);
        Assert.True(span.Attributes[3].Value.BoolValue);
        Assert.Equal(Id("0102"), span.Attributes[4].Value.BytesValue);
        var list = span.Attributes[5].Value.ArrayValue.Values;
        Assert.Equal(("a", "k", 2.5), (list[0].StringValue, list[1].KvlistValue.Values[0].Key, list[1].KvlistValue.Values[0].Value.DoubleValue));
        Assert.Equal(("exception", 1764134037120000000ul, "E"), (span.Events[0].Name, span.Events[0].TimeUnixNano, span.Events[0].Attributes[0].Value.StringValue));
        var link = span.Links[0];
        Assert.Equal((Id(UpstreamTraceIdHex), Id(UpstreamSpanIdHex), "k=v", 1u, "x"),
            (link.TraceId, link.SpanId, link.TraceState, link.Flags, link.Attributes[0].Value.StringValue));
        Assert.Equal((Status.Types.StatusCode.Error, "boom"), (span.Status.Code, span.Status.Message));
    }

    [Fact]
    public void Read_EmptyObjectAndNulls_AreAnEmptyRequest()
    {
        Assert.Empty(OtlpJsonReader.Read("{}"u8.ToArray()).ResourceSpans);
        var request = OtlpJsonReader.Read("""{"resourceSpans":[{"resource":null,"scopeSpans":[{"spans":[{"name":null,"parentSpanId":""}]}]}]}"""u8.ToArray());
        var span = request.ResourceSpans[0].ScopeSpans[0].Spans[0];
        Assert.Equal(("", true, 0ul), (span.Name, span.ParentSpanId.IsEmpty, span.StartTimeUnixNano));
    }

    [Fact]
    public void Read_ProtoFieldNames_AreReadLikeTheirLowerCamelCase()
    {
        var json = Encoding.UTF8.GetBytes($$$"""
            {"resource_spans":[{"scope_spans":[{"spans":[{"trace_id":"{{{TraceIdHex}}}","span_id":"{{{ServerSpanIdHex}}}",
              "start_time_unix_nano":"5","attributes":[{"key":"k","value":{"int_value":"7"}}]}]}]}]}
            """);

        var span = OtlpJsonReader.Read(json).ResourceSpans[0].ScopeSpans[0].Spans[0];

        Assert.Equal((Id(TraceIdHex), Id(ServerSpanIdHex), 5ul, 7L), (span.TraceId, span.SpanId, span.StartTimeUnixNano, span.Attributes[0].Value.IntValue));
    }

    [Theory]
    [InlineData("not json", "The body is not valid JSON")]
    [InlineData("[]", "$ must be an object.")]
    [InlineData("""{"resourceSpans":{}}""", "$.resourceSpans must be an array.")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"XRSZZ+sB/w=="}]}]}]}""", "$.resourceSpans[0].scopeSpans[0].spans[0].traceId must be hex digits")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":"SPAN_KIND_SERVER"}]}]}]}""", "$.resourceSpans[0].scopeSpans[0].spans[0].kind must be an integer")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":"-1"}]}]}]}""", "startTimeUnixNano must be an unsigned 64-bit integer")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":{"intValue":1.5}}]}]}]}]}""", "attributes[0].value.intValue must be a 64-bit integer")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":{"boolValue":"true"}}]}]}]}]}""", "boolValue must be true or false.")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":7}]}]}]}""", "spans[0].name must be a string.")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":{"bytesValue":"%%"}}]}]}]}]}""", "bytesValue must be base64.")]
    public void Read_BadBody_RefusesNamingWhere(string json, string expected)
    {
        var refused = Assert.Throws<OtlpFormatException>(() => OtlpJsonReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}

using OrderPipeline.Local.Otlp;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.XRay;
using static OrderPipeline.Local.Tests.Otlp.OtlpRequests;

namespace OrderPipeline.Local.Tests.Otlp;

public sealed class SpanSegmentsTests
{
    private static readonly string[] Flags = ["error", "throttle", "fault"];

    [Fact]
    public void Store_ServerSpan_IsASegmentNamedByTheService()
    {
        var store = new TraceStore();

        var result = SpanSegments.Store(Of("orders-producer", Server()), store);

        Assert.Equal(new SpanStoreResult(1, 0, null), result);
        var segment = Assert.Single(store.Trace(XRayTraceId));
        Assert.Equal(("orders-producer", ServerSpanIdHex, null, "segment"), (segment.Name, segment.Id, segment.ParentId, segment.Type));
        Assert.Equal(1764134037.1, segment.StartTime, precision: 6);
        Assert.Equal(1764134037.15, segment.EndTime, precision: 6);
        Assert.False(segment.Document.TryGetProperty("type", out _));
        Assert.False(segment.Document.TryGetProperty("namespace", out _));
    }

    [Fact]
    public void Store_ResourceWithoutServiceName_NamesTheSegmentUnknownService()
    {
        var store = new TraceStore();
        var request = Of("x", Server());
        request.ResourceSpans[0].Resource.Attributes.Clear();

        SpanSegments.Store(request, store);

        Assert.Equal(SpanSegments.UnknownService, Assert.Single(store.Trace(XRayTraceId)).Name);
    }

    [Fact]
    public void Store_AwsSdkClientSpan_IsAnAwsSubsegmentNamedByTheServiceWithTheAwsFields()
    {
        var store = new TraceStore();
        var client = Child(Span.Types.SpanKind.Client, "SQS.SendMessage");
        client.Attributes.Add(Attribute("rpc.system", "aws-api"));
        client.Attributes.Add(Attribute("rpc.service", "SQS"));
        client.Attributes.Add(Attribute("rpc.method", "SendMessage"));
        client.Attributes.Add(Attribute("aws.queue_url", "https://sqs.eu-west-1.amazonaws.com/000000000000/orders"));
        client.Attributes.Add(Attribute("messaging.message.id", "m-1"));
        client.Attributes.Add(Attribute("http.response.status_code", 200));
        client.Attributes.Add(Attribute("order.id", "o-1"));

        SpanSegments.Store(Of("orders-producer", client), store);

        var segment = Assert.Single(store.Trace(XRayTraceId));
        Assert.Equal(("SQS", ClientSpanIdHex, ServerSpanIdHex, "subsegment"), (segment.Name, segment.Id, segment.ParentId, segment.Type));
        var document = segment.Document;
        Assert.Equal("aws", document.GetProperty("namespace").GetString());
        Assert.Equal(
            """{"operation":"SendMessage","queue_url":"https://sqs.eu-west-1.amazonaws.com/000000000000/orders","message_id":"m-1"}""",
            document.GetProperty("aws").GetRawText());
        Assert.Equal(200, document.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("""{"default":{"order.id":"o-1"}}""", document.GetProperty("metadata").GetRawText());
        Assert.False(document.TryGetProperty("fault", out _));
    }

    /// <summary>What the functions' OTLP export writes: the semantic conventions' names for the queue and the tables.</summary>
    [Fact]
    public void Store_SemanticConventionQueueAndTableNames_FillTheSameAwsFields()
    {
        var store = new TraceStore();
        var send = Child(Span.Types.SpanKind.Producer, "SQS.SendMessage");
        send.Attributes.Add(Attribute("rpc.system", "aws-api"));
        send.Attributes.Add(Attribute("rpc.service", "SQS"));
        send.Attributes.Add(Attribute("aws.sqs.queue.url", "https://sqs.eu-west-1.amazonaws.com/000000000000/orders"));
        var tables = new KeyValue { Key = "aws.dynamodb.table_names", Value = new AnyValue { ArrayValue = new ArrayValue() } };
        tables.Value.ArrayValue.Values.Add(new AnyValue { StringValue = "orders" });
        send.Attributes.Add(tables);

        SpanSegments.Store(Of("orders-producer", send), store);

        var document = Assert.Single(store.Trace(XRayTraceId)).Document;
        Assert.Equal(
            """{"queue_url":"https://sqs.eu-west-1.amazonaws.com/000000000000/orders","table_name":"orders"}""",
            document.GetProperty("aws").GetRawText());
        Assert.False(document.TryGetProperty("metadata", out _));
    }

    [Theory]
    [InlineData((int)Span.Types.SpanKind.Client, "remote")]
    [InlineData((int)Span.Types.SpanKind.Producer, "remote")]
    [InlineData((int)Span.Types.SpanKind.Consumer, null)]
    [InlineData((int)Span.Types.SpanKind.Internal, null)]
    [InlineData((int)Span.Types.SpanKind.Unspecified, null)]
    public void Store_ChildSpanOfEachKind_IsASubsegmentWithTheCallsNamespace(int kind, string? expectedNamespace)
    {
        var store = new TraceStore();

        SpanSegments.Store(Of("svc", Child((Span.Types.SpanKind)kind, "work")), store);

        var segment = Assert.Single(store.Trace(XRayTraceId));
        Assert.Equal(("work", "subsegment"), (segment.Name, segment.Type));
        Assert.Equal(expectedNamespace, segment.Document.TryGetProperty("namespace", out var value) ? value.GetString() : null);
    }

    [Fact]
    public void Store_ServerSpanWithAParent_IsASegmentUnderThatParent()
    {
        var store = new TraceStore();
        var server = Child(Span.Types.SpanKind.Server, "handler");

        SpanSegments.Store(Of("orders-consumer", server), store);

        var segment = Assert.Single(store.Trace(XRayTraceId));
        Assert.Equal(("orders-consumer", ServerSpanIdHex, "segment"), (segment.Name, segment.ParentId, segment.Type));
    }

    [Fact]
    public void Store_ExceptionEventAndErrorStatus_FaultWithTheExceptionAsCause()
    {
        var store = new TraceStore();
        var span = Child(Span.Types.SpanKind.Internal, "ProcessOrder");
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" };
        var exception = new Span.Types.Event { Name = "exception", TimeUnixNano = Start + 20_000_000 };
        exception.Attributes.Add(Attribute("exception.type", "System.InvalidOperationException"));
        exception.Attributes.Add(Attribute("exception.message", "Order o-1 is not valid"));
        exception.Attributes.Add(Attribute("exception.stacktrace",
            "System.InvalidOperationException: Order o-1 is not valid\n   at Orders.Process() in /src/Orders.cs:line 42"));
        span.Events.Add(exception);
        span.Events.Add(new Span.Types.Event { Name = "retry", TimeUnixNano = Start + 21_000_000 });

        SpanSegments.Store(Of("svc", span), store);

        var document = Assert.Single(store.Trace(XRayTraceId)).Document;
        Assert.True(document.GetProperty("fault").GetBoolean());
        Assert.False(document.TryGetProperty("error", out _));
        var thrown = Assert.Single(document.GetProperty("cause").GetProperty("exceptions").EnumerateArray());
        Assert.Equal(("System.InvalidOperationException", "Order o-1 is not valid"),
            (thrown.GetProperty("type").GetString(), thrown.GetProperty("message").GetString()));
        Assert.Matches("^[0-9a-f]{16}$", thrown.GetProperty("id").GetString());
        var frame = Assert.Single(thrown.GetProperty("stack").EnumerateArray());
        Assert.Equal(("/src/Orders.cs", 42), (frame.GetProperty("path").GetString(), frame.GetProperty("line").GetInt32()));
    }

    [Theory]
    [InlineData(404, "error")]
    [InlineData(429, "error,throttle")]
    [InlineData(503, "fault")]
    [InlineData(200, "")]
    public void Store_HttpStatus_DecidesTheErrorFlags(long status, string flags)
    {
        var store = new TraceStore();
        var span = Child(Span.Types.SpanKind.Client, "GET");
        span.Attributes.Add(Attribute("http.response.status_code", status));
        span.Status = new Status { Code = Status.Types.StatusCode.Error };

        SpanSegments.Store(Of("svc", span), store);

        var document = Assert.Single(store.Trace(XRayTraceId)).Document;
        var set = Flags.Where(flag => document.TryGetProperty(flag, out var value) && value.GetBoolean());
        Assert.Equal(flags, string.Join(',', set));
    }

    [Fact]
    public void Store_OutcomeExpected_NoErrorFlagWhateverTheStatus()
    {
        var store = new TraceStore();
        var span = Child(Span.Types.SpanKind.Client, "DynamoDB");
        span.Attributes.Add(Attribute("http.response.status_code", 400));
        span.Attributes.Add(Attribute("xray.outcome", "expected"));

        SpanSegments.Store(Of("svc", span), store);

        var document = Assert.Single(store.Trace(XRayTraceId)).Document;
        Assert.False(document.TryGetProperty("error", out _));
        Assert.False(document.TryGetProperty("metadata", out _));
    }

    [Fact]
    public void Store_SpanLink_IsALinkTheTraceStoreIndexes()
    {
        var store = new TraceStore();
        var consumer = Child(Span.Types.SpanKind.Consumer, "orders process");
        var link = new Span.Types.Link { TraceId = Id(UpstreamTraceIdHex), SpanId = Id(UpstreamSpanIdHex) };
        link.Attributes.Add(Attribute("messaging.message.id", "m-1"));
        consumer.Links.Add(link);

        SpanSegments.Store(Of("svc", consumer), store);

        var segment = Assert.Single(store.Trace(XRayTraceId));
        Assert.Equal(
            """[{"trace_id":"1-5759e900-aaaaaaaaaaaaaaaaaaaaaaaa","id":"1111222233334444","attributes":{"messaging.message.id":"m-1"}}]""",
            segment.Document.GetProperty("links").GetRawText());
        Assert.Equal([XRayTraceId], TraceLinks.Index(store)["1-5759e900-aaaaaaaaaaaaaaaaaaaaaaaa"]);
    }

    [Fact]
    public void Store_AnnotationsAttribute_IndexesTheKeysItListsAndKeepsTheRestAsMetadata()
    {
        var store = new TraceStore();
        var span = Server();
        span.Attributes.Add(Attribute("order.id", "o-1"));
        span.Attributes.Add(Attribute("order.items", 3));
        span.Attributes.Add(Attribute("note", "kept"));
        var keys = new AnyValue { ArrayValue = new ArrayValue() };
        keys.ArrayValue.Values.Add(new AnyValue { StringValue = "order.id" });
        keys.ArrayValue.Values.Add(new AnyValue { StringValue = "order.items" });
        span.Attributes.Add(new KeyValue { Key = SpanSegments.AnnotationsAttribute, Value = keys });

        SpanSegments.Store(Of("svc", span), store);

        var document = Assert.Single(store.Trace(XRayTraceId)).Document;
        Assert.Equal("""{"order_id":"o-1","order_items":3}""", document.GetProperty("annotations").GetRawText());
        Assert.Equal("""{"default":{"note":"kept"}}""", document.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public void Store_AttributeValuesOfEveryType_AreWrittenAsJson()
    {
        var store = new TraceStore();
        var span = Server();
        var list = new AnyValue { ArrayValue = new ArrayValue() };
        list.ArrayValue.Values.Add(new AnyValue { IntValue = 1 });
        list.ArrayValue.Values.Add(new AnyValue { StringValue = "two" });
        var map = new AnyValue { KvlistValue = new KeyValueList() };
        map.KvlistValue.Values.Add(Attribute("k", "v"));
        span.Attributes.Add(new KeyValue { Key = "b", Value = new AnyValue { BoolValue = true } });
        span.Attributes.Add(new KeyValue { Key = "d", Value = new AnyValue { DoubleValue = 1.5 } });
        span.Attributes.Add(new KeyValue { Key = "nan", Value = new AnyValue { DoubleValue = double.NaN } });
        span.Attributes.Add(new KeyValue { Key = "bytes", Value = new AnyValue { BytesValue = Id("0102") } });
        span.Attributes.Add(new KeyValue { Key = "list", Value = list });
        span.Attributes.Add(new KeyValue { Key = "map", Value = map });
        span.Attributes.Add(new KeyValue { Key = "empty" });

        SpanSegments.Store(Of("svc", span), store);

        Assert.Equal(
            """{"b":true,"d":1.5,"nan":"NaN","bytes":"AQI=","list":[1,"two"],"map":{"k":"v"},"empty":null}""",
            Assert.Single(store.Trace(XRayTraceId)).Document.GetProperty("metadata").GetProperty("default").GetRawText());
    }

    [Fact]
    public void Store_SpansXRayWouldRefuse_AreCountedWithTheFirstReasonAndTheRestStored()
    {
        var store = new TraceStore();
        var noTrace = Server("0000000000000001");
        noTrace.TraceId = Google.Protobuf.ByteString.Empty;
        var zeroSpan = Server("0000000000000000");
        var backwards = Server("0000000000000003");
        backwards.EndTimeUnixNano = backwards.StartTimeUnixNano - 1;
        var unnamed = Child(Span.Types.SpanKind.Internal, "", "0000000000000004");
        var badLink = Child(Span.Types.SpanKind.Consumer, "c", "0000000000000005");
        badLink.Links.Add(new Span.Types.Link { TraceId = Id(UpstreamTraceIdHex) });

        var result = SpanSegments.Store(Of("svc", noTrace, zeroSpan, backwards, unnamed, badLink, Server()), store);

        Assert.Equal((1, 5), (result.Accepted, result.Rejected));
        Assert.Equal("Span 0000000000000001: traceId must be 16 bytes, not all zero.", result.FirstProblem);
        Assert.Equal(ServerSpanIdHex, Assert.Single(store.Trace(XRayTraceId)).Id);
    }

    [Fact]
    public void XRayTraceId_SixteenBytes_SplitsAfterTheEpochSeconds()
    {
        Assert.Equal(XRayTraceId, SpanSegments.XRayTraceId(Convert.FromHexString(TraceIdHex)));
    }
}

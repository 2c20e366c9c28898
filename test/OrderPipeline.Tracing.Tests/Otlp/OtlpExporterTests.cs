using System.Buffers.Binary;
using System.Diagnostics;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;
using OrderPipeline.Tracing.AwsSdk;
using OrderPipeline.Tracing.Otlp;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests.Otlp;

/// <summary>
/// OpenTelemetry export over the X-Ray daemon's UDP endpoint, as the function runs it (<c>OTEL_TRACES_EXPORTER=otlp</c>
/// and no OTLP endpoint): each datagram is decoded with the classes generated from the OTLP .proto files and checked
/// against the semantic conventions (https://opentelemetry.io/docs/specs/semconv/faas/aws-lambda/,
/// https://opentelemetry.io/docs/specs/semconv/messaging/sqs/, https://opentelemetry.io/docs/specs/semconv/cloud-providers/aws-sdk/,
/// https://opentelemetry.io/docs/specs/semconv/exceptions/exceptions-spans/).
/// </summary>
public sealed class OtlpExporterTests : IDisposable
{
    private const string LambdaParent = "53995c3f42cd8ad8";
    private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders";

    private readonly OtlpUdpDaemon _daemon = new();
    private readonly ActivitySource _source = TestSources.Create();
    private readonly ActivitySource _awsSdk = new(AwsSdkTracing.ActivitySourceName);
    private readonly TestLambdaContext _context = new() { FunctionName = "orders-producer" };
    private readonly List<string> _problems = [];

    public void Dispose()
    {
        _awsSdk.Dispose();
        _source.Dispose();
        _daemon.Dispose();
    }

    [Fact]
    public async Task Invocation_WithTraceHeader_IsAServerSpanUnderLambdasSegmentWithTheHandlersSpansUnderIt()
    {
        var root = NewRoot();
        _context.TraceHeader = $"Root={root};Parent={LambdaParent};Sampled=1;Lineage=a87bd80c:1";
        using var session = Start();

        session.OnInvocationStart(_context);
        using (var submit = _source.StartActivity("SubmitOrder"))
        {
            submit!.SetTag("order_id", "o-1");
            using var send = _awsSdk.StartActivity("SQS", ActivityKind.Client)!;
            send.SetTag(TraceTags.RpcSystem, TraceTags.AwsApiSystem);
            send.SetTag(TraceTags.RpcService, "SQS");
            send.SetTag(TraceTags.RpcMethod, "SendMessage");
            send.SetTag(TraceTags.AwsQueueUrl, QueueUrl);
            send.SetTag(TraceTags.MessageId, "m-1");
            send.SetTag(TraceTags.HttpStatusCode, 200);
        }

        await session.OnInvocationEndAsync(_context, null);

        var (sampled, request, _) = Assert.Single(await RequestsAsync(root, 3));
        Assert.True(sampled);
        var resource = Assert.Single(request.ResourceSpans).Resource.Attributes;
        Assert.Equal("orders-producer", resource.StringAttribute("service.name"));
        Assert.Equal("aws", resource.StringAttribute("cloud.provider"));
        Assert.Equal("aws_lambda", resource.StringAttribute("cloud.platform"));
        Assert.Equal("eu-west-1", resource.StringAttribute("cloud.region"));
        Assert.Equal("orders-producer", resource.StringAttribute("faas.name"));
        Assert.Equal("$LATEST", resource.StringAttribute("faas.version"));
        Assert.Equal("2026/12/02/[$LATEST]0123456789abcdef", resource.StringAttribute("faas.instance"));
        Assert.Equal(512L * 1024 * 1024, resource.Attribute("faas.max_memory")!.IntValue);
        Assert.Equal("dotnet", resource.StringAttribute("telemetry.sdk.language"));
        Assert.Equal("orders team", resource.StringAttribute("team"));

        var spans = request.Spans().ToList();
        var invocation = Assert.Single(spans, s => s.Kind == Span.Types.SpanKind.Server);
        Assert.Equal("orders-producer", invocation.Name);
        Assert.Equal(root.Replace("-", "", StringComparison.Ordinal)[1..], invocation.TraceId.Hex());
        Assert.Equal(LambdaParent, invocation.ParentSpanId.Hex());
        Assert.Equal(0x301u, invocation.Flags);
        Assert.Equal("http", invocation.Attributes.StringAttribute("faas.trigger"));
        Assert.Equal(_context.AwsRequestId, invocation.Attributes.StringAttribute("faas.invocation_id"));
        Assert.Equal(_context.InvokedFunctionArn, invocation.Attributes.StringAttribute("cloud.resource_id"));
        Assert.Equal("123456789012", invocation.Attributes.StringAttribute("cloud.account.id"));
        Assert.True(invocation.Attributes.Attribute("faas.coldstart")!.BoolValue);

        var submitSpan = Assert.Single(spans, s => s.Name == "SubmitOrder");
        Assert.Equal(Span.Types.SpanKind.Internal, submitSpan.Kind);
        Assert.Equal(invocation.SpanId, submitSpan.ParentSpanId);
        Assert.Equal("o-1", submitSpan.Attributes.StringAttribute("order_id"));

        var sendSpan = Assert.Single(spans, s => s.Name == "SQS.SendMessage");
        Assert.Equal(Span.Types.SpanKind.Producer, sendSpan.Kind);
        Assert.Equal(submitSpan.SpanId, sendSpan.ParentSpanId);
        Assert.Equal("aws_sqs", sendSpan.Attributes.StringAttribute("messaging.system"));
        Assert.Equal("send", sendSpan.Attributes.StringAttribute("messaging.operation.type"));
        Assert.Equal("SendMessage", sendSpan.Attributes.StringAttribute("messaging.operation.name"));
        Assert.Equal("orders", sendSpan.Attributes.StringAttribute("messaging.destination.name"));
        Assert.Equal(QueueUrl, sendSpan.Attributes.StringAttribute("aws.sqs.queue.url"));
        Assert.Null(sendSpan.Attributes.Attribute(TraceTags.AwsQueueUrl));
        Assert.Equal("m-1", sendSpan.Attributes.StringAttribute("messaging.message.id"));
        Assert.Equal(200, sendSpan.Attributes.Attribute("http.response.status_code")!.IntValue);
        Assert.True(sendSpan.StartTimeUnixNano <= sendSpan.EndTimeUnixNano);
        Assert.True(invocation.StartTimeUnixNano <= sendSpan.StartTimeUnixNano && sendSpan.EndTimeUnixNano <= invocation.EndTimeUnixNano);

        var scopes = request.ResourceSpans[0].ScopeSpans.Select(s => s.Scope.Name).ToList();
        Assert.Contains(_source.Name, scopes);
        Assert.Contains(AwsSdkTracing.ActivitySourceName, scopes);
        Assert.Contains(OtlpExporter.InvocationSourceName, scopes);
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task Invocation_FailedAwsCallAndHandler_AreErrorStatusesWithExceptionEvents()
    {
        var root = NewRoot();
        _context.TraceHeader = $"Root={root};Parent={LambdaParent};Sampled=1";
        using var session = Start();
        var failure = Thrown(() => throw new InvalidOperationException("The table is gone."));

        session.OnInvocationStart(_context);
        using (var put = _awsSdk.StartActivity("DynamoDB", ActivityKind.Client)!)
        {
            put.SetTag(TraceTags.RpcSystem, TraceTags.AwsApiSystem);
            put.SetTag(TraceTags.RpcService, "DynamoDB");
            put.SetTag(TraceTags.RpcMethod, "PutItem");
            put.SetTag(TraceTags.AwsTableName, "Orders");
            put.AddException(failure);
            put.SetStatus(ActivityStatusCode.Error, failure.Message);
        }

        await session.OnInvocationEndAsync(_context, failure);

        var spans = (await RequestsAsync(root, 2)).Select(r => r.Request).Spans().ToList();
        var putSpan = Assert.Single(spans, s => s.Name == "DynamoDB.PutItem");
        Assert.Equal(Span.Types.SpanKind.Client, putSpan.Kind);
        Assert.Equal("aws.dynamodb", putSpan.Attributes.StringAttribute("db.system.name"));
        Assert.Equal(["Orders"], putSpan.Attributes.Attribute("aws.dynamodb.table_names")!.ArrayValue.Values.Select(v => v.StringValue));
        Assert.Equal(Status.Types.StatusCode.Error, putSpan.Status.Code);
        Assert.Equal("The table is gone.", putSpan.Status.Message);
        AssertExceptionEvent(putSpan, failure);

        var invocation = Assert.Single(spans, s => s.Kind == Span.Types.SpanKind.Server);
        Assert.Equal(invocation.SpanId, putSpan.ParentSpanId);
        Assert.Equal(Status.Types.StatusCode.Error, invocation.Status.Code);
        AssertExceptionEvent(invocation, failure);
    }

    [Fact]
    public async Task Invocation_WithoutTraceHeader_StartsATraceWhoseIdBeginsWithTheEpochSeconds()
    {
        var now = new DateTimeOffset(2026, 12, 2, 9, 30, 15, TimeSpan.Zero);
        using var session = Start(time: new ManualTimeProvider(now));
        _context.TraceHeader = null;

        session.OnInvocationStart(_context);
        var traceId = Activity.Current!.TraceId;
        await session.OnInvocationEndAsync(_context, null);

        var invocation = Assert.Single((await RequestsAsync(traceId.ToHexString(), 1)).Select(r => r.Request).Spans());
        Assert.True(invocation.ParentSpanId.IsEmpty);
        Assert.Equal((uint)now.ToUnixTimeSeconds(), BinaryPrimitives.ReadUInt32BigEndian(invocation.TraceId.Span));
        Assert.True(XRayTraceId.TryParse(XRayTraceId.Format(traceId), out var roundTrip));
        Assert.Equal(traceId, roundTrip);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public async Task Invocation_ContextWithoutARealDeadline_SendsAsUsual()
    {
        var root = NewRoot();
        _context.TraceHeader = $"Root={root};Parent={LambdaParent};Sampled=1";
        _context.Deadline = DateTimeOffset.MaxValue;
        using var session = Start();

        session.OnInvocationStart(_context);
        await session.OnInvocationEndAsync(_context, null);

        Assert.Single(await RequestsAsync(root, 1));
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task Invocation_NotSampledByLambda_SendsNothing()
    {
        using var session = Start();
        var unsampled = NewRoot();
        _context.TraceHeader = $"Root={unsampled};Parent={LambdaParent};Sampled=0";
        session.OnInvocationStart(_context);
        using (_source.StartActivity("SubmitOrder"))
        {
        }

        await session.OnInvocationEndAsync(_context, null);

        // The next invocation is sampled: once its datagram is in, the first one's would have been too.
        var sampled = NewRoot();
        _context.TraceHeader = $"Root={sampled};Parent={LambdaParent};Sampled=1";
        session.OnInvocationStart(_context);
        await session.OnInvocationEndAsync(_context, null);
        await RequestsAsync(sampled, 1);

        Assert.Empty(_daemon.RequestsOf(Hex(unsampled)));
        Assert.Equal(0, session.DroppedSpans);
    }

    [Fact]
    public async Task ProcessOrder_InAnSqsFunction_IsAConsumerSpanLinkedToTheProducer()
    {
        var root = NewRoot();
        var producerRoot = NewRoot();
        _context.TraceHeader = $"Root={root};Parent={LambdaParent};Sampled=1";
        using var session = Start(FunctionTrigger.Sqs, [new("message_id", "messaging.message.id")]);
        Assert.True(TraceHeader.TryParse($"Root={producerRoot};Parent=a1b2c3d4e5f60718;Sampled=1", out var upstream));

        session.OnInvocationStart(_context);
        using (var record = _source.StartActivity(
            ActivityKind.Consumer, Activity.Current!.Context, links: [new ActivityLink(upstream.ToActivityContext())], name: "ProcessOrder"))
        {
            record!.SetTag("message_id", "059f36b4-87a3-44ab-83d2-661975830a7d");
        }

        await session.OnInvocationEndAsync(_context, null);

        var spans = (await RequestsAsync(root, 2)).Select(r => r.Request).Spans().ToList();
        var invocation = Assert.Single(spans, s => s.Kind == Span.Types.SpanKind.Server);
        Assert.Equal("pubsub", invocation.Attributes.StringAttribute("faas.trigger"));
        var process = Assert.Single(spans, s => s.Name == "ProcessOrder");
        Assert.Equal(Span.Types.SpanKind.Consumer, process.Kind);
        Assert.Equal(invocation.SpanId, process.ParentSpanId);
        Assert.Equal("aws_sqs", process.Attributes.StringAttribute("messaging.system"));
        Assert.Equal("process", process.Attributes.StringAttribute("messaging.operation.type"));
        Assert.Equal("059f36b4-87a3-44ab-83d2-661975830a7d", process.Attributes.StringAttribute("messaging.message.id"));
        Assert.Null(process.Attributes.Attribute("message_id"));
        var link = Assert.Single(process.Links);
        Assert.Equal(Hex(producerRoot), link.TraceId.Hex());
        Assert.Equal("a1b2c3d4e5f60718", link.SpanId.Hex());
        Assert.Equal(0x301u, link.Flags);
    }

    [Fact]
    public async Task Flush_ManySpans_AreSplitIntoDatagramsWithinTheDaemonsLimitAndEachSpanArrivesOnce()
    {
        var root = NewRoot();
        _context.TraceHeader = $"Root={root};Parent={LambdaParent};Sampled=1";
        using var session = Start();
        var large = new string('x', 1000);

        session.OnInvocationStart(_context);
        for (var i = 0; i < 200; i++)
        {
            using var activity = _source.StartActivity("Step")!;
            activity.SetTag("index", i);
            activity.SetTag("payload", large);
        }

        await session.OnInvocationEndAsync(_context, null);

        var requests = await RequestsAsync(root, 201);
        Assert.True(requests.Count > 1);
        Assert.All(requests, r => Assert.True(r.Bytes <= 64_000, $"A datagram of {r.Bytes} bytes."));
        Assert.All(requests, r => Assert.Equal("orders-producer", r.Request.ResourceSpans[0].Resource.Attributes.StringAttribute("service.name")));
        var indexes = requests.Select(r => r.Request).Spans().Where(s => s.Name == "Step").Select(s => s.Attributes.Attribute("index")!.IntValue).Order();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), indexes);
        Assert.Equal(0, session.DroppedSpans);
    }

    [Fact]
    public async Task Flush_SpanLargerThanADatagram_IsDroppedCountedAndReportedWhileTheOthersArrive()
    {
        var root = NewRoot();
        _context.TraceHeader = $"Root={root};Parent={LambdaParent};Sampled=1";
        using var session = Start();

        session.OnInvocationStart(_context);
        using (var huge = _source.StartActivity("Huge")!)
        {
            huge.SetTag("payload", new string('x', 50_000));
        }

        await session.OnInvocationEndAsync(_context, null);

        var spans = (await RequestsAsync(root, 1)).Select(r => r.Request).Spans().ToList();
        Assert.Equal(Span.Types.SpanKind.Server, Assert.Single(spans).Kind);
        Assert.Equal(1, session.DroppedSpans);
        Assert.Single(_problems, p => p.Contains("over the transport's", StringComparison.Ordinal));
    }

    private static void AssertExceptionEvent(Span span, Exception failure)
    {
        var exception = Assert.Single(span.Events, e => e.Name == "exception");
        Assert.Equal(failure.GetType().FullName, exception.Attributes.StringAttribute("exception.type"));
        Assert.Equal(failure.Message, exception.Attributes.StringAttribute("exception.message"));
        Assert.Contains(nameof(Thrown), exception.Attributes.StringAttribute("exception.stacktrace"), StringComparison.Ordinal);
    }

    private static InvalidOperationException Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }

        throw new InvalidOperationException("Nothing was thrown.");
    }

    private static string NewRoot() => XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));

    private static string Hex(string root) => root[2..].Replace("-", "", StringComparison.Ordinal);

    private TracingSession Start(
        FunctionTrigger trigger = FunctionTrigger.Http,
        IEnumerable<KeyValuePair<string, string>>? attributeNames = null,
        TimeProvider? time = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["OTEL_TRACES_EXPORTER"] = "otlp",
            ["AWS_XRAY_DAEMON_ADDRESS"] = _daemon.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "orders-producer",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/12/02/[$LATEST]0123456789abcdef",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_REGION"] = "eu-west-1",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "team=orders%20team",
        };
        var session = FunctionTracing.StartWith(
            environment.GetValueOrDefault, [_source.Name], [], trigger, attributeNames, _problems.Add, time ?? TimeProvider.System, null);
        Assert.Equal(TracesExporter.Otlp, session.Exporter);
        return session;
    }

    private Task<IReadOnlyList<(bool Sampled, ExportTraceServiceRequest Request, int Bytes)>> RequestsAsync(string rootOrHex, int spans)
    {
        var hex = rootOrHex.StartsWith("1-", StringComparison.Ordinal) ? Hex(rootOrHex) : rootOrHex;
        return Support.Otlp.EventuallyAsync(
            () => _daemon.RequestsOf(hex),
            requests => requests.Select(r => r.Request).Spans().Count(s => s.TraceId.Hex() == hex) >= spans);
    }
}

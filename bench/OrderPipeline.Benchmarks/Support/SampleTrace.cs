using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Json;
using OrderPipeline.Tracing;
using OrderPipeline.Tracing.Export;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>The trace of one producer invocation: Lambda's trace header, the handler activity and its SQS call.</summary>
internal static class SampleTrace
{
    /// <summary>A <c>Lambda-Runtime-Trace-Id</c> as Lambda sends it to a function invoked by another one.</summary>
    public const string LambdaTraceId =
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5";

    public const string HandlerName = "SubmitOrder";
    public const string SqsCallName = "SQS";
    public const string OrderIdTag = "order_id";
    public const string CustomerIdTag = "customer_id";

    public static readonly string[] AnnotationKeys = [OrderIdTag, CustomerIdTag];

    public static TraceHeader ParseHeader() =>
        TraceHeader.TryParse(LambdaTraceId, out var header)
            ? header
            : throw new InvalidOperationException($"'{LambdaTraceId}' no longer parses.");

    /// <summary>The tags the AWS SDK hook and the handler put on a successful <c>SendMessage</c> call.</summary>
    public static void TagSqsSendMessage(Activity activity)
    {
        activity.SetTag(TraceTags.RpcSystem, TraceTags.AwsApiSystem);
        activity.SetTag(TraceTags.RpcService, "SQS");
        activity.SetTag(TraceTags.RpcMethod, "SendMessage");
        activity.SetTag(TraceTags.CloudRegion, "eu-west-1");
        activity.SetTag(TraceTags.AwsQueueUrl, "https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
        activity.SetTag(TraceTags.AwsRequestId, "c6a3f2e1-9b8d-5c4e-a7f6-0d1e2f3a4b5c");
        activity.SetTag(TraceTags.MessageId, "5fea7756-0ea4-451a-a703-a558b933e274");
        activity.SetTag(TraceTags.HttpStatusCode, 200);
        activity.SetTag(OrderIdTag, "019ac0e5-3d1b-7c52-9a6e-1b2f3c4d5e6f");
        activity.SetTag(CustomerIdTag, "cust-42");
    }

    /// <summary>A stopped, recorded SQS call activity under <see cref="LambdaTraceId"/>.</summary>
    public static Activity FinishedSqsCall()
    {
        using var source = new ActivitySource(nameof(FinishedSqsCall));
        using var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate == source,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var activity = source.StartActivity(SqsCallName, ActivityKind.Client, ParseHeader().ToActivityContext())
            ?? throw new InvalidOperationException("The sampled activity was not created.");
        TagSqsSendMessage(activity);
        activity.Stop();
        return activity;
    }

    /// <summary>The document writer an exporter indexing <see cref="AnnotationKeys"/> uses.</summary>
    public static SegmentDocumentWriter NewDocumentWriter() => new(AnnotationKeys.ToFrozenSet(StringComparer.Ordinal));

    /// <summary>The subsegment document of <see cref="FinishedSqsCall"/>, as the exporter writes it.</summary>
    public static byte[] SqsCallDocument()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, SegmentDocumentWriter.JsonOptions))
        {
            NewDocumentWriter().Write(FinishedSqsCall(), json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

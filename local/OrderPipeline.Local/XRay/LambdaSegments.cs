using System.Text.Json;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// The segments the Lambda service emits for one invocation, around what the function sends, in the structure current
/// Lambda emits (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html, "New-style AWS X-Ray Lambda segment
/// structure"): the service segment (<c>AWS::Lambda</c>, child of the caller's segment, carrying the links to upstream
/// traces) and the function segment (<c>AWS::Lambda::Function</c>, whose id the runtime was given as <c>Parent</c>, so
/// the function's own subsegments sit directly under it: there is no <c>Invocation</c> subsegment), with an
/// <c>Init</c> subsegment on a cold start and the invocation's phases as the function segment's annotations:
/// <c>aws.responseLatency</c> (the function running), <c>aws.responseDuration</c> (the response's transfer),
/// <c>aws.runtimeOverhead</c> (the runtime finishing after its response) and <c>aws.extensionOverhead</c> (extensions
/// finishing: none run locally), each in milliseconds. A failed invocation marks both as faults, with the error as
/// their cause: the one the runtime sent in <c>Lambda-Runtime-Function-XRay-Error-Cause</c>, else the error's type and
/// message.
/// </summary>
internal static class LambdaSegments
{
    public const string ServiceOrigin = "AWS::Lambda";
    public const string FunctionOrigin = "AWS::Lambda::Function";
    public const string InitSubsegment = "Init";
    public const string ResponseLatencyAnnotation = "aws.responseLatency";
    public const string ResponseDurationAnnotation = "aws.responseDuration";
    public const string RuntimeOverheadAnnotation = "aws.runtimeOverhead";
    public const string ExtensionOverheadAnnotation = "aws.extensionOverhead";

    /// <summary>
    /// Records the invocation's segments once <see cref="InvocationResult.Settled"/> has its runtime overhead (at once
    /// when it already has), ending them then: the caller has its answer before, as from Lambda.
    /// </summary>
    public static void RecordWhenSettled(
        TraceStore store, LambdaInvocationTrace trace, string functionName, DateTimeOffset start, InvocationResult result,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(time);
        var settled = result.Settled;
        if (settled.IsCompletedSuccessfully)
        {
            Record(store, trace, functionName, start, time.GetUtcNow(), settled.Result);
        }
        else
        {
            _ = RecordLaterAsync(store, trace, functionName, start, settled, time);
        }
    }

    private static async Task RecordLaterAsync(
        TraceStore store, LambdaInvocationTrace trace, string functionName, DateTimeOffset start,
        Task<InvocationResult> settled, TimeProvider time)
    {
        var result = await settled.ConfigureAwait(false);
        try
        {
            Record(store, trace, functionName, start, time.GetUtcNow(), result);
        }
        catch (ObjectDisposedException)
        {
            // The stack stopped while the runtime finished: there is no store left to record into.
        }
    }

    /// <param name="store">Where the documents go.</param>
    /// <param name="trace">The invocation's place in its trace.</param>
    /// <param name="functionName">The function's name in the account.</param>
    /// <param name="start">When the invocation was dispatched.</param>
    /// <param name="end">When its outcome came back.</param>
    /// <param name="result">Its outcome, with durations.</param>
    public static void Record(
        TraceStore store, LambdaInvocationTrace trace, string functionName, DateTimeOffset start, DateTimeOffset end,
        InvocationResult result)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(result);
        var serviceId = SegmentDocuments.NewId();
        SegmentDocuments.Add(store, writer =>
        {
            WriteCommon(writer, functionName, serviceId, trace.TraceId, ServiceOrigin, start, end);
            if (trace.ParentId is { } parent)
            {
                writer.WriteString("parent_id", parent);
            }

            writer.WriteStartObject("aws");
            writer.WriteString("request_id", result.RequestId);
            writer.WriteEndObject();
            WriteOutcome(writer, result.Error);
            WriteLinks(writer, trace.Links);
        });
        SegmentDocuments.Add(store, writer =>
        {
            WriteCommon(writer, functionName, trace.FunctionSegmentId, trace.TraceId, FunctionOrigin, start, end);
            writer.WriteString("parent_id", serviceId);
            WritePhases(writer, result);
            WriteOutcome(writer, result.Error);
        });
        if (result.InitDuration is { } init)
        {
            SegmentDocuments.Add(store, writer =>
            {
                writer.WriteString("name", InitSubsegment);
                writer.WriteString("id", SegmentDocuments.NewId());
                writer.WriteString("trace_id", trace.TraceId);
                writer.WriteString("parent_id", trace.FunctionSegmentId);
                writer.WriteString("type", "subsegment");
                writer.WriteNumber("start_time", SegmentDocuments.Epoch(start));
                writer.WriteNumber("end_time", SegmentDocuments.Epoch(start + init));
            });
        }
    }

    private static void WritePhases(Utf8JsonWriter writer, InvocationResult result)
    {
        writer.WriteStartObject("annotations");
        writer.WriteNumber(ResponseLatencyAnnotation, Milliseconds(result.Duration));
        if (result.ResponseDuration is { } transfer)
        {
            writer.WriteNumber(ResponseDurationAnnotation, Milliseconds(transfer));
        }

        if (result.RuntimeOverhead is { } overhead)
        {
            writer.WriteNumber(RuntimeOverheadAnnotation, Milliseconds(overhead));
        }

        writer.WriteNumber(ExtensionOverheadAnnotation, 0);
        writer.WriteEndObject();
    }

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);

    private static void WriteCommon(
        Utf8JsonWriter writer, string name, string id, string traceId, string origin, DateTimeOffset start, DateTimeOffset end)
    {
        writer.WriteString("name", name);
        writer.WriteString("id", id);
        writer.WriteString("trace_id", traceId);
        writer.WriteString("origin", origin);
        writer.WriteNumber("start_time", SegmentDocuments.Epoch(start));
        writer.WriteNumber("end_time", SegmentDocuments.Epoch(end));
    }

    private static void WriteOutcome(Utf8JsonWriter writer, InvocationError? error)
    {
        if (error is null)
        {
            return;
        }

        writer.WriteBoolean("fault", true);
        if (error.XRayCause is { } cause)
        {
            // The runtime's own cause (the exception chain with its stacks), as Lambda records it.
            writer.WritePropertyName("cause");
            writer.WriteRawValue(cause);
            return;
        }

        writer.WriteStartObject("cause");
        writer.WriteStartArray("exceptions");
        writer.WriteStartObject();
        writer.WriteString("id", SegmentDocuments.NewId());
        writer.WriteString("type", error.ErrorType);
        writer.WriteString("message", error.ErrorMessage);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter writer, IReadOnlyList<TraceLink> links)
    {
        if (links.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("links");
        foreach (var link in links)
        {
            writer.WriteStartObject();
            writer.WriteString("trace_id", link.TraceId);
            writer.WriteString("id", link.SegmentId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}

/// <summary>
/// Where one invocation sits in its trace: <see cref="FunctionSegmentId"/> is the <c>Parent</c> of the trace header the
/// runtime is given (the function's own subsegments hang under it); <see cref="ParentId"/> is the caller's segment
/// (API Gateway's), null when the invocation starts the trace; <see cref="Links"/> point at upstream traces;
/// <see cref="Sampled"/> is whether the invocation is recorded.
/// </summary>
internal sealed record LambdaInvocationTrace(
    string TraceId, string FunctionSegmentId, string? ParentId, IReadOnlyList<TraceLink> Links, bool Sampled = true)
{
    /// <summary>A new trace for an invocation nothing upstream traced (an event source mapping's batch, <c>invoke</c>).</summary>
    public static LambdaInvocationTrace NewTrace(TimeProvider time, IReadOnlyList<TraceLink> links, bool sampled = true) =>
        new(XRayTraceId.Format(XRayTraceId.New(time)), SegmentDocuments.NewId(), null, links, sampled);

    /// <summary>The <c>Lambda-Runtime-Trace-Id</c> for the runtime: <c>Root=…;Parent=…;Sampled=1</c> (or <c>0</c>).</summary>
    public string RuntimeTraceHeader => new TraceHeader(
        TraceId, FunctionSegmentId, Sampled ? SamplingDecision.Sampled : SamplingDecision.NotSampled).ToString();
}

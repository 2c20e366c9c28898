using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.XRay;

public sealed class LambdaSegmentsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 5, 13, 57, TimeSpan.Zero);

    [Fact]
    public void Record_ErrorWithTheRuntimesCause_PutsThatCauseOnBothSegments()
    {
        const string Cause = """{"working_directory":"/var/task","paths":[],"exceptions":[{"id":"0123456789abcdef","type":"TimeoutException","message":"SQS did not answer","stack":[{"label":"App.Run()"}]}]}""";
        var error = LambdaErrors.FromPost("TimeoutException", """{"errorType":"TimeoutException","errorMessage":"SQS did not answer"}"""u8.ToArray(), Cause);

        var segments = Record(error);

        Assert.Equal(2, segments.Count);
        Assert.All(segments, segment =>
        {
            Assert.True(segment.Document.GetProperty("fault").GetBoolean());
            Assert.Equal(Cause, segment.Document.GetProperty("cause").GetRawText());
        });
    }

    [Fact]
    public void Record_ErrorWithoutACause_WritesItsTypeAndMessageAsTheCause()
    {
        var error = LambdaErrors.FromPost(null, """{"errorType":"TimeoutException","errorMessage":"SQS did not answer"}"""u8.ToArray());

        var segments = Record(error);

        Assert.All(segments, segment =>
        {
            var exception = Assert.Single(segment.Document.GetProperty("cause").GetProperty("exceptions").EnumerateArray());
            Assert.Equal(("TimeoutException", "SQS did not answer"),
                (exception.GetProperty("type").GetString(), exception.GetProperty("message").GetString()));
        });
    }

    // Current Lambda: an Init subsegment on a cold start, no Invocation subsegment (the function's own subsegments hang
    // from the function segment), the phases as the function segment's annotations:
    // https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html ("New-style AWS X-Ray Lambda segment structure").
    [Fact]
    public void Record_ColdStart_InitSubsegmentAndThePhasesAsFunctionSegmentAnnotations()
    {
        var store = new TraceStore();
        var trace = LambdaInvocationTrace.NewTrace(TimeProvider.System, []);
        var result = new InvocationResult("r-1", "{}"u8.ToArray(), null, TimeSpan.FromMilliseconds(12.5), TimeSpan.FromMilliseconds(40), 1)
        {
            ResponseDuration = TimeSpan.FromMicroseconds(250),
            RuntimeOverhead = TimeSpan.FromMilliseconds(1.5),
        };

        LambdaSegments.Record(store, trace, "ConsumerFunction", Start, Start.AddMilliseconds(55), result);

        var segments = store.Trace(trace.TraceId);
        var function = Assert.Single(segments, segment => segment.Id == trace.FunctionSegmentId);
        var init = Assert.Single(segments, segment => segment.Type == "subsegment");
        Assert.Equal(3, segments.Count);
        Assert.Equal((LambdaSegments.InitSubsegment, function.Id), (init.Name, init.ParentId));
        Assert.Equal(SegmentDocuments.Epoch(Start.AddMilliseconds(40)), init.EndTime);
        Assert.Equal(
            """{"aws.responseLatency":12.5,"aws.responseDuration":0.25,"aws.runtimeOverhead":1.5,"aws.extensionOverhead":0}""",
            function.Document.GetProperty("annotations").GetRawText());
    }

    [Fact]
    public void Record_LambdaEndedTheInvocation_OmitsThePhasesTheRuntimeNeverReached()
    {
        var segments = Record(LambdaErrors.TimedOut(TimeSpan.FromSeconds(3)));

        var function = Assert.Single(segments, segment => segment.Document.GetProperty("origin").GetString() == LambdaSegments.FunctionOrigin);
        Assert.Equal(
            """{"aws.responseLatency":30,"aws.extensionOverhead":0}""",
            function.Document.GetProperty("annotations").GetRawText());
    }

    // Lambda answers the caller when the runtime posts the response; the runtime's overhead (until its next
    // GET /next) comes after, and the function segment carries it (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html).
    // So the caller has the result at once, and the segments are recorded when the result settles.
    [Fact]
    public async Task RecordWhenSettled_RuntimeStillFinishing_RecordsOnlyOnceTheOverheadIsKnown()
    {
        var store = new TraceStore();
        var trace = LambdaInvocationTrace.NewTrace(TimeProvider.System, []);
        var posted = new InvocationResult("r-1", "{}"u8.ToArray(), null, TimeSpan.FromMilliseconds(12.5), null, 1);
        var finishing = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);

        LambdaSegments.RecordWhenSettled(store, trace, "ConsumerFunction", Start, posted with { Settled = finishing.Task }, TimeProvider.System);
        var beforeSettled = store.Trace(trace.TraceId).Count;
        finishing.SetResult(posted with { RuntimeOverhead = TimeSpan.FromMilliseconds(2) });
        var function = await WaitForFunctionSegmentAsync(store, trace);

        Assert.Equal(0, beforeSettled);
        Assert.Equal(2, function.Document.GetProperty("annotations").GetProperty("aws.runtimeOverhead").GetDouble());
    }

    [Fact]
    public void RecordWhenSettled_AlreadySettled_RecordsAtOnce()
    {
        var store = new TraceStore();
        var trace = LambdaInvocationTrace.NewTrace(TimeProvider.System, []);

        LambdaSegments.RecordWhenSettled(
            store, trace, "ConsumerFunction", Start, new InvocationResult("r-1", "{}"u8.ToArray(), null, TimeSpan.FromMilliseconds(3), null, 1),
            TimeProvider.System);

        Assert.Equal(2, store.Trace(trace.TraceId).Count);
    }

    private static async Task<StoredSegment> WaitForFunctionSegmentAsync(TraceStore store, LambdaInvocationTrace trace)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (store.Trace(trace.TraceId).FirstOrDefault(segment => segment.Id == trace.FunctionSegmentId) is { } function)
            {
                return function;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the function segment was never recorded");
    }

    private static IReadOnlyList<StoredSegment> Record(InvocationError error)
    {
        var store = new TraceStore();
        var trace = LambdaInvocationTrace.NewTrace(TimeProvider.System, []);
        LambdaSegments.Record(
            store, trace, "ProducerFunction", Start, Start.AddMilliseconds(30), new InvocationResult("r-1", null, error, TimeSpan.FromMilliseconds(30), null, 1));
        return store.Trace(trace.TraceId);
    }
}

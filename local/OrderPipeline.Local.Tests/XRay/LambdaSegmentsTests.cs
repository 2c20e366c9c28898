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

    private static IReadOnlyList<StoredSegment> Record(InvocationError error)
    {
        var store = new TraceStore();
        var trace = LambdaInvocationTrace.NewTrace(TimeProvider.System, []);
        LambdaSegments.Record(
            store, trace, "ProducerFunction", Start, Start.AddMilliseconds(30), new InvocationResult("r-1", null, error, TimeSpan.FromMilliseconds(30), null, 1));
        return store.Trace(trace.TraceId);
    }
}

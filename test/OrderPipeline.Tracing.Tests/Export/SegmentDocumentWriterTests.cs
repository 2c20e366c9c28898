using System.Diagnostics;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests.Export;

public sealed class SegmentDocumentWriterTests
{
    private static readonly string[] OutcomeFlags = ["error", "throttle", "fault"];

    private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders";

    [Fact]
    public void Write_AwsSdkCall_MapsTagsToAwsAndHttpInTheAwsNamespace()
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne("SQS", ActivityKind.Client, activity => activity
            .SetTag(TraceTags.RpcSystem, TraceTags.AwsApiSystem).SetTag(TraceTags.RpcService, "SQS")
            .SetTag(TraceTags.RpcMethod, "SendMessage").SetTag(TraceTags.CloudRegion, "eu-west-1")
            .SetTag(TraceTags.AwsRequestId, "req-1").SetTag(TraceTags.AwsQueueUrl, QueueUrl).SetTag(TraceTags.AwsRetries, 2)
            .SetTag(TraceTags.MessageId, "msg-1").SetTag(TraceTags.HttpStatusCode, 200)
            .SetTag(TraceTags.HttpMethod, "POST").SetTag(TraceTags.UrlFull, "https://sqs.eu-west-1.amazonaws.com/"));

        Assert.Equal("aws", document.GetProperty("namespace").GetString());
        Assert.Equal(
            """{"operation":"SendMessage","region":"eu-west-1","request_id":"req-1","queue_url":"https://sqs.eu-west-1.amazonaws.com/123456789012/orders","retries":2,"message_id":"msg-1"}""",
            document.GetProperty("aws").GetRawText());
        Assert.Equal(
            """{"request":{"method":"POST","url":"https://sqs.eu-west-1.amazonaws.com/"},"response":{"status":200}}""",
            document.GetProperty("http").GetRawText());
        Assert.False(document.TryGetProperty("metadata", out _));
        Assert.False(document.TryGetProperty("error", out _) || document.TryGetProperty("fault", out _));
    }

    [Theory]
    [InlineData(ActivityKind.Client, "remote")]
    [InlineData(ActivityKind.Internal, null)]
    [InlineData(ActivityKind.Consumer, null)]
    public void Write_ActivityKind_DecidesTheNamespace(ActivityKind kind, string? expected)
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne("call", kind, _ => { });

        Assert.Equal(expected, document.TryGetProperty("namespace", out var ns) ? ns.GetString() : null);
    }

    [Theory]
    [InlineData(200, false, "")]
    [InlineData(400, false, "error")]
    [InlineData(404, true, "error")]
    [InlineData(429, false, "error,throttle")]
    [InlineData(500, false, "fault")]
    [InlineData(503, true, "fault")]
    [InlineData(null, true, "fault")]
    [InlineData(null, false, "")]
    public void Write_StatusCodeAndStatus_SetErrorThrottleFault(int? status, bool errorStatus, string expected)
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne("call", ActivityKind.Client, activity =>
        {
            activity.SetTag(TraceTags.HttpStatusCode, status);
            activity.SetStatus(errorStatus ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
        });

        var flags = OutcomeFlags.Where(flag => document.TryGetProperty(flag, out var value) && value.GetBoolean());
        Assert.Equal(expected, string.Join(',', flags));
    }

    [Theory]
    [InlineData(TraceTags.OutcomeExpected, 400, true, "")]
    [InlineData(TraceTags.OutcomeError, null, true, "error")]
    [InlineData(TraceTags.OutcomeThrottle, 400, true, "error,throttle")]
    [InlineData(TraceTags.OutcomeFault, 400, false, "fault")]
    [InlineData("unknown", 503, true, "fault")]
    public void Write_OutcomeTag_DecidesTheFlagsOverTheStatus(string outcome, int? status, bool errorStatus, string expected)
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne("call", ActivityKind.Client, activity =>
        {
            activity.SetTag(TraceTags.Outcome, outcome).SetTag(TraceTags.HttpStatusCode, status);
            activity.SetStatus(errorStatus ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
        });

        var flags = OutcomeFlags.Where(flag => document.TryGetProperty(flag, out var value) && value.GetBoolean());
        Assert.Equal(expected, string.Join(',', flags));
        Assert.False(document.TryGetProperty("metadata", out _));
    }

    [Fact]
    public void Write_RecordedException_WritesCauseWithTypeMessageAndStack()
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne("SubmitOrder", ActivityKind.Internal, activity =>
        {
            activity.AddException(Thrown());
            activity.SetStatus(ActivityStatusCode.Error);
        });

        Assert.True(document.GetProperty("fault").GetBoolean());
        var exception = Assert.Single(document.GetProperty("cause").GetProperty("exceptions").EnumerateArray());
        Assert.Matches("^[0-9a-f]{16}$", exception.GetProperty("id").GetString());
        Assert.Equal("order store unavailable", exception.GetProperty("message").GetString());
        Assert.Equal("System.InvalidOperationException", exception.GetProperty("type").GetString());
        Assert.False(exception.TryGetProperty("remote", out _));
        var frame = exception.GetProperty("stack")[0];
        Assert.EndsWith($"{nameof(SegmentDocumentWriterTests)}.{nameof(Thrown)}()", frame.GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"{nameof(SegmentDocumentWriterTests)}.cs", frame.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.True(frame.GetProperty("line").GetInt32() > 0);
    }

    [Fact]
    public void Write_ExceptionWithInnerException_WritesEachWithItsOwnFramesLinkedByCause()
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne("SubmitOrder", ActivityKind.Internal, activity => activity.AddException(ThrownWrapped()));

        var exceptions = document.GetProperty("cause").GetProperty("exceptions").EnumerateArray().ToList();
        Assert.Equal(2, exceptions.Count);
        var (outer, inner) = (exceptions[0], exceptions[1]);
        Assert.Equal(("System.AggregateException", "order not stored (order store unavailable)"),
            (outer.GetProperty("type").GetString(), outer.GetProperty("message").GetString()));
        Assert.Equal(("System.InvalidOperationException", "order store unavailable"),
            (inner.GetProperty("type").GetString(), inner.GetProperty("message").GetString()));
        Assert.Equal(inner.GetProperty("id").GetString(), outer.GetProperty("cause").GetString());
        Assert.False(inner.TryGetProperty("cause", out _));
        Assert.EndsWith($".{nameof(Thrown)}()", inner.GetProperty("stack")[0].GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.All(outer.GetProperty("stack").EnumerateArray(), frame =>
            Assert.DoesNotContain($".{nameof(Thrown)}()", frame.GetProperty("label").GetString(), StringComparison.Ordinal));
        Assert.Contains(outer.GetProperty("stack").EnumerateArray(), frame =>
            frame.GetProperty("label").GetString()!.EndsWith($".{nameof(ThrownWrapped)}()", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ErrorAnswerFromAwsCall_MarksTheExceptionRemote()
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne("SQS", ActivityKind.Client, activity => activity
            .SetTag(TraceTags.RpcSystem, TraceTags.AwsApiSystem).SetTag(TraceTags.HttpStatusCode, 400)
            .AddException(Thrown()));

        var exception = document.GetProperty("cause").GetProperty("exceptions")[0];
        Assert.True(exception.GetProperty("remote").GetBoolean());
    }

    [Fact]
    public void Write_LongStackTrace_KeepsThirtyFramesAndCountsTheRest()
    {
        using var harness = new ExportHarness();
        var stackTrace = string.Join('\n', Enumerable.Range(1, 42).Select(i => $"   at App.Step{i}() in /src/App.cs:line {i}"));

        var document = harness.ExportOne("deep", ActivityKind.Internal, activity => activity.AddEvent(new ActivityEvent(
            "exception",
            tags: new ActivityTagsCollection { ["exception.type"] = "App.DeepException", ["exception.message"] = "deep", ["exception.stacktrace"] = stackTrace })));

        var exception = document.GetProperty("cause").GetProperty("exceptions")[0];
        Assert.Equal(30, exception.GetProperty("stack").GetArrayLength());
        Assert.Equal(12, exception.GetProperty("truncated").GetInt32());
        Assert.Equal("""{"label":"App.Step30()","path":"/src/App.cs","line":30}""", exception.GetProperty("stack")[29].GetRawText());
    }

    [Fact]
    public void Write_IndexedAndOtherTags_SplitIntoAnnotationsAndMetadata()
    {
        using var harness = new ExportHarness("order_id", "message.age-ms", "valid", "ratio", "accepted_at");

        var document = harness.ExportOne("ProcessOrder", ActivityKind.Consumer, activity => activity
            .SetTag("order_id", "0190b5c2-7d3e-7000-8000-000000000001").SetTag("message.age-ms", 1250L).SetTag("valid", true)
            .SetTag("ratio", 0.5).SetTag("accepted_at", new DateTimeOffset(2026, 11, 26, 5, 13, 57, TimeSpan.Zero))
            .SetTag("customer", "cust-42").SetTag("items", 3));

        Assert.Equal(
            """{"order_id":"0190b5c2-7d3e-7000-8000-000000000001","message_age_ms":1250,"valid":true,"ratio":0.5,"accepted_at":"11/26/2026 05:13:57 +00:00"}""",
            document.GetProperty("annotations").GetRawText());
        Assert.Equal("""{"default":{"customer":"cust-42","items":3}}""", document.GetProperty("metadata").GetRawText());
    }

    [Theory]
    [InlineData("ProcessOrder", "ProcessOrder")]
    [InlineData("SQS SendMessage", "SQS SendMessage")]
    [InlineData("orders/{id}:get @v1 #2 = 50% + a&b \\ c-d", "orders/_id_:get @v1 #2 = 50% + a&b \\ c-d")]
    [InlineData("Bestellung prüfen", "Bestellung prüfen")]
    [InlineData("<script>\"x\"", "_script__x_")]
    [InlineData("", "unnamed")]
    public void Write_ActivityName_KeepsAllowedCharactersAndReplacesOthers(string name, string expected)
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne(name, ActivityKind.Internal, _ => { });

        Assert.Equal(expected, document.GetProperty("name").GetString());
    }

    [Fact]
    public void Write_LongName_CutsItToTwoHundredCharacters()
    {
        using var harness = new ExportHarness();

        var document = harness.ExportOne(new string('a', 250), ActivityKind.Internal, _ => { });

        Assert.Equal(new string('a', 200), document.GetProperty("name").GetString());
    }

    private static AggregateException ThrownWrapped()
    {
        try
        {
            throw new AggregateException("order not stored", Thrown());
        }
        catch (AggregateException exception)
        {
            return exception;
        }
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("order store unavailable");
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }
}

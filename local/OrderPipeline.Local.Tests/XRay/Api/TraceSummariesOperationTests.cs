using System.Net;
using System.Text.Json;

namespace OrderPipeline.Local.Tests.XRay.Api;

public sealed partial class TraceSummariesOperationTests
{
    private const string P = SampleTraces.Producer;
    private const string C = SampleTraces.Consumer;
    private const string F = SampleTraces.FailedConsumer;

    [Theory]
    [InlineData("annotation.order_id = \"order-1\"", C)]
    [InlineData("annotation.order_id != \"order-1\"", F)]
    [InlineData("annotation.customer_id BEGINSWITH \"cust\"", P)]
    [InlineData("annotation.message_age_ms >= 100", C)]
    [InlineData("annotation.message_age_ms < 100", F)]
    [InlineData("annotation.message_age_ms = \"1000\"", "")]
    [InlineData("annotation.retried = true", F)]
    [InlineData("annotation.retried != true", C)]
    [InlineData("annotation.missing = \"x\"", "")]
    [InlineData("service(\"ProducerFunction\")", P)]
    [InlineData("service(\"orders\")", P)]
    [InlineData("service(\"ConsumerFunction\")", F + "," + C)]
    [InlineData("service(\"ConsumerFunction\") AND annotation.retried = false", C)]
    [InlineData("service(\"ProducerFunction\") OR annotation.retried = true", F + "," + P)]
    [InlineData("fault OR service(\"ProducerFunction\") AND annotation.retried = false", F)]
    [InlineData("(fault OR service(\"ProducerFunction\")) AND annotation.retried = false", "")]
    [InlineData("!fault && service(\"ConsumerFunction\")", C)]
    [InlineData("NOT (fault || ok)", "")]
    [InlineData("fault = false", C + "," + P)]
    [InlineData("http.status = 202 AND http.method = \"POST\"", P)]
    [InlineData("responsetime > 0.3", F)]
    [InlineData("responseTime > 0.3", F)]

    // The grammar of https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html: keywords side by side
    // are ANDed, annotation.key alone tests that it is set (a boolean one, that it is true), annotation[key] ...
    [InlineData("ok !partial duration < 0.3", C + "," + P)]
    [InlineData("inferred", P)]
    [InlineData("http.url AND responsetime < 1", P)]
    [InlineData("annotation[order_id] = \"order-1\"", C)]
    [InlineData("annotation[\"order_id\"] BEGINSWITH \"order-\"", F + "," + C)]
    [InlineData("annotation.upstream_trace_id", C)]
    [InlineData("annotation.retried", F)]
    [InlineData("!annotation.order_id", P)]

    // ... service(name) {filter} and edge(source, destination) {filter} test the segments of that node or call; a name
    // is "text" (every node of that name) or id(name: …, type: …); service() is every node.
    [InlineData("service(\"ConsumerFunction\") { fault }", F)]
    [InlineData("service(\"ConsumerFunction\") { !fault AND responsetime > 0.2 }", C)]
    [InlineData("service(id(name: \"ConsumerFunction\", type: \"AWS::Lambda::Function\")) { fault = true }", F)]
    [InlineData("service(id(type: \"AWS::SQS::Queue\"))", P)]
    [InlineData("service(id(name: \"orders\", type: \"AWS::DynamoDB::Table\"))", "")]
    [InlineData("service() { fault }", F)]
    [InlineData("service(\"orders\") { inferred AND ok AND http.status = 200 }", P)]
    [InlineData("service(\"ServerlessRestApi/Prod\") { root = true AND http.method = \"POST\" }", P)]
    [InlineData("service(\"ProducerFunction\") { root }", "")]
    [InlineData("service() { type = \"AWS::Lambda\" AND name ENDSWITH \"Function\" AND !fault }", C + "," + P)]
    [InlineData("edge(\"ProducerFunction\", \"orders\")", P)]
    [InlineData("edge(\"ProducerFunction\", \"orders\") { fault }", "")]
    [InlineData("edge(id(name: \"ServerlessRestApi/Prod\", type: \"AWS::ApiGateway::Stage\"), \"ProducerFunction\") { ok }", P)]
    [InlineData("edge(id(type: \"AWS::Lambda\"), id(type: \"AWS::Lambda::Function\")) { fault }", F)]
    [InlineData("edge(\"orders\", \"ProducerFunction\")", "")]
    [InlineData("edge(\"orders\", \"ConsumerFunction\")", "")] // known difference: a link across traces is no edge here

    // rootcause.*: where a fault started (the deepest faulty entity, with the services that led to it, the last being
    // the culprit) and where the response time went (the slowest call, down from the entry point).
    [InlineData("rootcause.fault.service { last AND name = \"ConsumerFunction\" AND type = \"AWS::Lambda::Function\" }", F)]
    [InlineData("rootcause.fault.service { first AND type = \"AWS::Lambda\" }", F)]
    [InlineData("rootcause.fault.service { index > 1 }", "")]
    [InlineData("rootcause.fault.entity { last and name = \"ProcessOrder\" }", F)]
    [InlineData("rootcause.error.service", "")]
    [InlineData("rootcause.responsetime.service { last AND inferred AND type = \"AWS::SQS::Queue\" }", P)]
    [InlineData("rootcause.responsetime.entity { last AND coverage < 0.3 }", P)]
    [InlineData("rootcause.responsetime.entity { name = \"ProcessOrder\" AND coverage > 0.5 }", F)]
    [InlineData("  ", F + "," + C + "," + P)]
    public async Task Execute_FilterExpression_AnswersTheMatchingTracesMostRecentFirst(string filter, string expected)
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await PostAsync(api, SampleTraces.Start - 60, SampleTraces.Start + 60, filter);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var ids = answer.Body.GetProperty("TraceSummaries").EnumerateArray().Select(summary => summary.GetProperty("Id").GetString());
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), ids);
        Assert.Equal(3, answer.Body.GetProperty("TracesProcessedCount").GetInt64());
    }

    [Theory]
    [InlineData("annotation.order_id =")]
    [InlineData("annotation. = \"x\"")]
    [InlineData("service(ProducerFunction)")]
    [InlineData("service(\"ProducerFunction\"")]
    [InlineData("annotation.retried < true")]
    [InlineData("annotation.order_id > \"a\"")]
    [InlineData("annotation.message_age_ms CONTAINS 1")]
    [InlineData("(fault")]
    [InlineData("fault AND")]
    [InlineData("bogus = 1")]
    [InlineData("annotation.order_id = \"unterminated")]
    [InlineData("annotation.order_id = 1.2.3")]
    [InlineData("annotation.order_id ~ 1")]
    [InlineData("annotation[order_id = \"x\"")]
    [InlineData("service(\"ConsumerFunction\") { annotation.order_id = \"order-1\" }")]
    [InlineData("service(\"ConsumerFunction\") { bogus }")]
    [InlineData("service(\"ConsumerFunction\") { fault")]
    [InlineData("service(id(colour: \"red\"))")]
    [InlineData("service(id(name: \"a\", name: \"b\"))")]
    [InlineData("edge(\"ProducerFunction\")")]
    [InlineData("id(name: \"ProducerFunction\")")]
    [InlineData("rootcause.fault.bogus")]
    [InlineData("rootcause.latency.service")]
    [InlineData("rootcause.fault.service { message = \"x\" }")]
    [InlineData("rootcause.json")]
    [InlineData("group.name = \"high_response_time\" AND user = \"alice\"")]
    [InlineData("group.arn = \"arn:aws:xray:us-east-1:000000000000:group/high/1\"")]
    public async Task Execute_FilterExpressionItCannotRead_Answers400InvalidRequest(string filter)
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await PostAsync(api, SampleTraces.Start - 60, SampleTraces.Start + 60, filter);

        XRayApiTests.AssertError(answer, HttpStatusCode.BadRequest, "InvalidRequestException");
    }

    [Fact]
    public async Task Execute_ProducerTrace_SummarisesServicesEntryPointHttpAndAnnotations()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await PostAsync(api, SampleTraces.Start, SampleTraces.Start + 1, "service(\"ProducerFunction\")");

        var summary = Assert.Single(answer.Body.GetProperty("TraceSummaries").EnumerateArray());
        Assert.Equal(SampleTraces.Start, summary.GetProperty("StartTime").GetDouble());
        Assert.Equal(0.2, summary.GetProperty("Duration").GetDouble(), precision: 6);
        Assert.Equal(0.2, summary.GetProperty("ResponseTime").GetDouble(), precision: 6);
        Assert.Equal(
            (false, false, false, false),
            (Flag(summary, "HasFault"), Flag(summary, "HasError"), Flag(summary, "HasThrottle"), Flag(summary, "IsPartial")));
        var http = summary.GetProperty("Http");
        Assert.Equal(("http://127.0.0.1:3000/orders", 202, "POST", "curl/8", "127.0.0.1"), (
            http.GetProperty("HttpURL").GetString(), http.GetProperty("HttpStatus").GetInt32(),
            http.GetProperty("HttpMethod").GetString(), http.GetProperty("UserAgent").GetString(),
            http.GetProperty("ClientIp").GetString()));
        Assert.Equal(
            [
                ("ServerlessRestApi/Prod", "AWS::ApiGateway::Stage"), ("ProducerFunction", "AWS::Lambda"),
                ("ProducerFunction", "AWS::Lambda::Function"), ("orders", "AWS::SQS::Queue"),
            ],
            summary.GetProperty("ServiceIds").EnumerateArray().Select(ServiceId));
        Assert.Equal(("ServerlessRestApi/Prod", "AWS::ApiGateway::Stage"), ServiceId(summary.GetProperty("EntryPoint")));
        var customer = Assert.Single(summary.GetProperty("Annotations").GetProperty("customer_id").EnumerateArray());
        Assert.Equal("cust-42", customer.GetProperty("AnnotationValue").GetProperty("StringValue").GetString());
        Assert.Equal(("ProducerFunction", "AWS::Lambda::Function"), ServiceId(Assert.Single(customer.GetProperty("ServiceIds").EnumerateArray())));
    }

    [Fact]
    public async Task Execute_ConsumerTraces_SummariseNumberAndBooleanAnnotationsAndFaults()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await PostAsync(api, SampleTraces.Start + 1, SampleTraces.Start + 3, null);

        var summaries = answer.Body.GetProperty("TraceSummaries").EnumerateArray().ToList();
        Assert.Equal([F, C], summaries.Select(summary => summary.GetProperty("Id").GetString()));
        Assert.Equal(2, answer.Body.GetProperty("TracesProcessedCount").GetInt64());
        Assert.True(Flag(summaries[0], "HasFault"));
        Assert.False(Flag(summaries[1], "HasFault"));
        var annotations = summaries[1].GetProperty("Annotations");
        Assert.Equal(1000, Value(annotations, "message_age_ms").GetProperty("NumberValue").GetDouble());
        Assert.False(Value(annotations, "retried").GetProperty("BooleanValue").GetBoolean());
        Assert.Equal(SampleTraces.Producer, Value(annotations, "upstream_trace_id").GetProperty("StringValue").GetString());
        Assert.Equal(("ConsumerFunction", "AWS::Lambda"), ServiceId(summaries[1].GetProperty("EntryPoint")));
    }

    [Fact]
    public async Task Execute_WindowAfterEveryTrace_AnswersNoSummaries()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await PostAsync(api, SampleTraces.Start + 10, SampleTraces.Start + 20, null);

        Assert.Equal(0, answer.Body.GetProperty("TraceSummaries").GetArrayLength());
        Assert.Equal(0, answer.Body.GetProperty("TracesProcessedCount").GetInt64());
        // The last page reaches back to the window's start: ApproximateTime is "the start time of this page of results"
        // (https://docs.aws.amazon.com/xray/latest/api/API_GetTraceSummaries.html), and the developer guide's example
        // answers the window's start (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-gettingdata.html).
        Assert.Equal(SampleTraces.Start + 10, answer.Body.GetProperty("ApproximateTime").GetDouble());
        Assert.False(answer.Body.TryGetProperty("NextToken", out _));
    }

    private static Task<XRayApiAnswer> PostAsync(XRayApiClient api, double start, double end, string? filter)
    {
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteNumber("StartTime", start);
            writer.WriteNumber("EndTime", end);
            if (filter is not null)
            {
                writer.WriteString("FilterExpression", filter);
            }

            writer.WriteEndObject();
        }

        return api.PostAsync("/TraceSummaries", System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    private static bool Flag(JsonElement summary, string name) => summary.GetProperty(name).GetBoolean();

    private static (string?, string?) ServiceId(JsonElement id) =>
        (id.GetProperty("Name").GetString(), id.GetProperty("Type").GetString());

    private static JsonElement Value(JsonElement annotations, string key) =>
        Assert.Single(annotations.GetProperty(key).EnumerateArray()).GetProperty("AnnotationValue");
}

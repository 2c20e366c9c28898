using CsCheck;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.XRay.Api;

namespace OrderPipeline.Local.Tests.Fuzz;

// Property test: the local X-Ray API over generated raw requests (random paths, methods and bodies). Every answer is
// a 2xx or an AWS-shaped 4xx within the client's timeout, and afterwards a valid request is still answered.
// CsCheck prints the seed of a failing case.
public sealed class XRayApiFuzzTests
{
    private const int Iterations = 300;

    private static readonly string[] Paths = ["/Traces", "/TraceSummaries", "/ServiceGraph", "/traces", "/Traces/", "/x", "/TraceGraph"];

    private static readonly string[] Names =
        ["TraceIds", "StartTime", "EndTime", "NextToken", "TimeRangeType", "Sampling", "FilterExpression",
         "SamplingStrategy", "Name", "Value", "EnvironmentName", "x"];

    // The words and symbols of the filter grammar (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html),
    // put together at random so that most expressions get past the tokenizer and deep into the parser.
    private static readonly string[] FilterWords =
        ["service", "edge", "id", "name", "type", ":", "(", ")", "{", "}", "[", "]", ",", "!", "AND", "OR", "NOT", "&&", "||",
         "ok", "fault", "error", "throttle", "partial", "inferred", "root", "first", "last", "index", "coverage", "remote",
         "responsetime", "duration", "http.status", "http.url", "user", "message", "annotation", "annotation.order_id",
         "annotation.", "rootcause.fault.service", "rootcause.responsetime.entity", "rootcause.error.exception",
         "rootcause.json", "group.name", "json", "=", "!=", "<", ">=", "CONTAINS", "BEGINSWITH", "ENDSWITH", "true", "false",
         "0", "-1", "2.5", "1e400", "\"orders\"", "\"ConsumerFunction\"", "\"\"", "\"unterminated", "#", "\\"];

    [Fact]
    public async Task HandleAsync_GeneratedFilterExpressionsAndTokens_AnswersAwsShaped()
    {
        await using var host = await XRayApiHost.StartAsync(0, Tests.XRay.Api.SampleTraces.Store(), new XRayApiPaging(SummariesPerPage: 1), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var filters = Gen.OneOf(FilterWords).Array[1, 24].Select(words => string.Join(' ', words));
        var tokens = Gen.OneOf(Gen.Const(() => (string?)null), Gen.String.Select(text => (string?)text), Gen.Const<string?>("R2V0VHJhY2VTdW1tYXJpZXM"));

        await Gen.Select(filters, tokens, Gen.OneOf("TraceId", "Event", "Service", "Bogus")).SampleAsync(
            async (filter, token, rangeType) =>
            {
                using var body = new MemoryStream();
                using (var writer = new System.Text.Json.Utf8JsonWriter(body))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("StartTime", 1764133900);
                    writer.WriteNumber("EndTime", 1764134100);
                    writer.WriteString("FilterExpression", filter);
                    writer.WriteString("NextToken", token);
                    writer.WriteString("TimeRangeType", rangeType);
                    writer.WriteEndObject();
                }

                var request = new HttpRequestMessage(HttpMethod.Post, "/TraceSummaries") { Content = new ByteArrayContent(body.ToArray()) };

                (await AwsAnswer.SendAsync(http, request)).AssertAwsShaped();
            },
            iter: Iterations,
            threads: 1,
            print: t => $"{t.Item1} | {t.Item2} | {t.Item3}");
    }

    [Fact]
    public async Task HandleAsync_GeneratedRequests_AnswersAwsShapedAndStaysUsable()
    {
        var store = new TraceStore();
        await using var host = await XRayApiHost.StartAsync(0, store, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var methods = Gen.Frequency((8, Gen.Const(HttpMethod.Post)), (1, Gen.OneOf(HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch)));

        await Gen.Select(FuzzJson.Body(Names), Gen.OneOf(Paths), methods).SampleAsync(
            async (body, path, method) =>
            {
                var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");

                (await AwsAnswer.SendAsync(http, request)).AssertAwsShaped();
            },
            iter: Iterations,
            threads: 1,
            print: t => $"{t.Item3} {t.Item2} {System.Text.Encoding.UTF8.GetString(t.Item1)}");

        var valid = new HttpRequestMessage(HttpMethod.Post, "/Traces")
        {
            Content = new StringContent("{\"TraceIds\":[\"1-5759e988-bd862e3fe1be46a994272793\"]}", System.Text.Encoding.UTF8, "application/json"),
        };
        var answer = await AwsAnswer.SendAsync(http, valid);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
    }
}

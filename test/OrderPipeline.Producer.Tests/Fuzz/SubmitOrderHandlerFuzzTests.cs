using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using CsCheck;
using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Sqs;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Producer.Tests.Fuzz;

// Property tests: the handler, with the real SDK client against a loopback SQS endpoint, over generated requests.
// CsCheck prints the seed of a failing case; pass it as Sample(seed: "...") to replay it.
public sealed class SubmitOrderHandlerFuzzTests : IAsyncLifetime
{
    private const int Iterations = 400;
    private static readonly int[] RejectStatuses = [400, 405, 413, 415];

    private static readonly Gen<string?> Methods =
        Gen.Frequency((6, Gen.Const<string?>("POST")), (1, Gen.OneOf<string?>("post", "GET", "PUT", "", " POST", null, "PÓST")));

    private static readonly Gen<string?> ContentTypes = Gen.Frequency(
        (6, Gen.OneOf<string?>("application/json", "application/json; charset=utf-8", null, "APPLICATION/VND.ORDER+JSON")),
        (2, Gen.OneOf<string?>("text/plain", "application/xml", "application/jsonx", "multipart/form-data", ";", "\u0000")),
        (1, Gen.String.Select(s => (string?)s)));

    // (body as sent, base64 flag): plain text, its base64, raw random bytes in base64 (invalid UTF-8), or broken base64.
    private static readonly Gen<(string Body, bool Base64)> Bodies = Gen.Frequency(
        (6, HostileBodies.Any.Select(body => (body, false))),
        (2, HostileBodies.Any.Select(body => (Convert.ToBase64String(Encoding.UTF8.GetBytes(body)), true))),
        (1, Gen.Byte.Array[0, 200].Select(bytes => (Convert.ToBase64String(bytes), true))),
        (1, Gen.OneOf("%%%", "abc", "ey J9", "=", "{\"a\":1}").Select(body => (body, true))));

    private static readonly Gen<ApiGatewayProxyRequest> Requests = Gen.Select(Methods, ContentTypes, Bodies, Gen.Bool,
        (method, contentType, body, lowerCaseHeader) => new ApiGatewayProxyRequest
        {
            HttpMethod = method,
            Path = "/orders",
            Resource = "/orders",
            Headers = contentType is null
                ? null
                : new Dictionary<string, string> { [lowerCaseHeader ? "content-type" : "Content-Type"] = contentType },
            Body = body.Body,
            IsBase64Encoded = body.Base64,
            RequestContext = new ApiGatewayRequestContext { RequestId = "fuzz" },
        });

    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 13, 57, 123, TimeSpan.Zero);

    private SqsEndpoint _sqs = null!;
    private DynamoDbEndpoint _dynamoDb = null!;
    private AmazonSQSClient _client = null!;
    private AmazonDynamoDBClient _dynamoDbClient = null!;
    private SubmitOrderHandler _handler = null!;

    public async Task InitializeAsync()
    {
        _sqs = await SqsEndpoint.StartAsync();
        var queueUrl = _sqs.CreateQueue("orders");
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("idempotency", IdempotencyStore.IdAttribute);
        _client = new AmazonSQSClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = _sqs.ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        _dynamoDbClient = _dynamoDb.Client();
        var time = new ManualTimeProvider(Now);
        _handler = new SubmitOrderHandler(
            new ProducerSettings(new Uri(queueUrl), "idempotency", TimeSpan.FromHours(24), "OrderPipeline"),
            _client,
            new IdempotencyStore(_dynamoDbClient, "idempotency", TimeSpan.FromHours(24), time),
            new TestMetricsLogger(),
            time);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _dynamoDbClient.Dispose();
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public Task HandleAsync_GeneratedRequests_AnswersAProblemAndSendsNothingUnlessTheOrderIsValid() =>
        Requests.SampleAsync(
            async request =>
            {
                var sentBefore = _sqs.Requests.Count;

                var response = await _handler.HandleAsync(request, new TestLambdaContext(), CancellationToken.None);

                var sent = _sqs.Requests.Count - sentBefore;
                if (response.StatusCode == 202)
                {
                    Assert.True(IsValidOrder(request), "202 for an invalid order");
                    Assert.Equal(1, sent);
                }
                else
                {
                    Assert.Contains(response.StatusCode, RejectStatuses);
                    AssertProblem(response);
                    Assert.Equal(0, sent);
                }
            },
            iter: Iterations,
            threads: 1,
            print: request => $"{request.HttpMethod} {request.Headers?.Values.FirstOrDefault()} base64={request.IsBase64Encoded} {Shorten(request.Body)}");

    [Fact]
    public Task HandleAsync_GeneratedValidOrders_Answers202AndSendsExactlyOneMessage() =>
        HostileBodies.ValidOrder.SampleAsync(
            async body =>
            {
                var sentBefore = _sqs.Messages.Count;

                var response = await _handler.HandleAsync(
                    new ApiGatewayProxyRequest { HttpMethod = "POST", Path = "/orders", Body = body },
                    new TestLambdaContext(),
                    CancellationToken.None);

                Assert.Equal(202, response.StatusCode);
                Assert.Equal(sentBefore + 1, _sqs.Messages.Count);
            },
            iter: 50,
            threads: 1,
            print: Shorten);

    private static bool IsValidOrder(ApiGatewayProxyRequest request) =>
        string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)
        && OrderRequest.TryParse(request.DecodeBody(), out _, out _);

    private static void AssertProblem(ApiGatewayProxyResponse response)
    {
        Assert.Equal("application/problem+json", response.Headers!["Content-Type"]);
        using var problem = JsonDocument.Parse(response.Body!);
        Assert.StartsWith("urn:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static string Shorten(string? text) => text is null ? "<null>" : text.Length <= 200 ? text : text[..200] + $"…({text.Length})";
}

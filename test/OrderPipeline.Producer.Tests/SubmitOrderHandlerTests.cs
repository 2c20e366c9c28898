using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Http;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Sqs;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Producer.Tests;

// The handler runs with the real AWS SDK clients against SQS and DynamoDB endpoints on loopback, so every assertion
// about what was sent or stored is an assertion about the bytes on the wire. The clients get the producer's own time
// budget (ProducerClients), pointed at the endpoints. The Idempotency-Key tests are in
// SubmitOrderHandlerTests.IdempotencyKey.cs.
public sealed partial class SubmitOrderHandlerTests : IAsyncLifetime
{
    private const int MaxErrorRetry = ProducerClients.MaxErrorRetry;
    private const string IdempotencyTable = "idempotency";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 13, 57, 123, TimeSpan.Zero);
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    private readonly ManualTimeProvider _time = new(Now);
    private readonly TestMetricsLogger _metrics = new();
    private readonly TestLambdaContext _context;
    private SqsEndpoint _sqs = null!;
    private DynamoDbEndpoint _dynamoDb = null!;
    private AmazonSQSClient _client = null!;
    private AmazonDynamoDBClient _dynamoDbClient = null!;
    private string _queueUrl = null!;
    private SubmitOrderHandler _handler = null!;

    public SubmitOrderHandlerTests() => _context = new TestLambdaContext { Time = _time };

    public async Task InitializeAsync()
    {
        _sqs = await SqsEndpoint.StartAsync();
        _queueUrl = _sqs.CreateQueue("orders");
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable(IdempotencyTable, IdempotencyStore.IdAttribute);
        _client = SqsClient(_sqs.ServiceUrl);
        _dynamoDbClient = DynamoDbClient(_dynamoDb.ServiceUrl);
        _handler = Handler(_queueUrl, _client);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _dynamoDbClient.Dispose();
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public async Task HandleAsync_ValidOrderEvent_Answers202AfterOneSendMessage()
    {
        var request = SampleEvents.Load(SampleEvents.ApiPostOrder, LambdaEventsJsonContext.Default.ApiGatewayProxyRequest);

        var response = await _handler.HandleAsync(request, _context, CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        using var body = JsonDocument.Parse(response.Body!);
        Assert.Equal(["orderId", "status"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("accepted", body.RootElement.GetProperty("status").GetString());
        var orderId = body.RootElement.GetProperty("orderId").GetString();

        var request1 = Assert.Single(_sqs.Requests);
        Assert.Equal("SendMessage", request1.Operation);
        var sent = Assert.Single(_sqs.Messages);
        Assert.True(OrderMessage.TryParse(sent.Body, out var message, out var errors), string.Join("; ", errors));
        Assert.Equal(orderId, message.OrderId.ToString());
        Assert.Equal(Now, message.AcceptedAt);
        Assert.True(OrderRequest.TryParse(request.DecodeBody(), out var order, out _));
        Assert.Equal(order, message.Order);
    }

    [Fact]
    public async Task HandleAsync_ValidOrder_LogsNoCustomerId()
    {
        await _handler.HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        var entry = Assert.Single(_context.Logger.Entries);
        Assert.DoesNotContain("customerId", entry.Fields.Keys);
        Assert.DoesNotContain(entry.Fields.Values, value => Equals(value, "cust-42"));
    }

    [Fact]
    public async Task HandleAsync_ValidOrder_MessageIdIsAVersion7UuidFromTheClock()
    {
        var response = await _handler.HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        using var body = JsonDocument.Parse(response.Body!);
        var orderId = Guid.Parse(body.RootElement.GetProperty("orderId").GetString()!);
        Assert.Equal(7, orderId.Version);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Convert.ToInt64(orderId.ToString("N")[..12], 16));
    }

    [Fact]
    public async Task HandleAsync_InvalidOrderEvent_Answers400NamingEveryFieldAndSendsNothing()
    {
        var request = SampleEvents.Load(SampleEvents.ApiPostOrderInvalid, LambdaEventsJsonContext.Default.ApiGatewayProxyRequest);

        var response = await _handler.HandleAsync(request, _context, CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers!["Content-Type"]);
        using var problem = JsonDocument.Parse(response.Body!);
        Assert.Equal("urn:orderpipeline:problem:invalid-order", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("9b3e61d2-58a4-4f07-8c1e-7d6a5b4c3e2f", problem.RootElement.GetProperty("requestId").GetString());
        var pointers = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(error => error.GetProperty("pointer").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["/currency", "/customerId", "/items/0/quantity", "/items/0/sku", "/items/0/unitPrice"],
            pointers);
        Assert.Empty(_sqs.Requests);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("{\"customerId\":", "")]
    [InlineData("[]", "")]
    [InlineData("null", "")]
    [InlineData("\"order\"", "")]
    [InlineData("{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[]}", "/items")]
    [InlineData("{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":\"2\",\"unitPrice\":1}]}", "/items/0/quantity")]
    [InlineData("{\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":2,\"unitPrice\":1}]}", "/customerId")]
    public async Task HandleAsync_BadBody_Answers400WithItsPointerAndSendsNothing(string body, string expectedPointer)
    {
        var response = await _handler.HandleAsync(Post(body), _context, CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        using var problem = JsonDocument.Parse(response.Body!);
        Assert.Contains(
            expectedPointer,
            problem.RootElement.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("pointer").GetString()));
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_Base64BodyThatIsNotBase64_Answers400AndSendsNothing()
    {
        var request = Post("not base64 at all!");
        request.IsBase64Encoded = true;

        var response = await _handler.HandleAsync(request, _context, CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_BodyOver64KiB_Answers413AndSendsNothing()
    {
        var body = ValidOrder[..^1] + ",\"padding\":\"" + new string('x', OrderRules.MaxBodyBytes) + "\"}";

        var response = await _handler.HandleAsync(Post(body), _context, CancellationToken.None);

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers!["Content-Type"]);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_BodyOfExactly64KiB_IsAccepted()
    {
        var padding = OrderRules.MaxBodyBytes - Encoding.UTF8.GetByteCount(ValidOrder[..^1] + ",\"padding\":\"\"}");
        var body = ValidOrder[..^1] + ",\"padding\":\"" + new string('x', padding) + "\"}";
        Assert.Equal(OrderRules.MaxBodyBytes, Encoding.UTF8.GetByteCount(body));

        var response = await _handler.HandleAsync(Post(body), _context, CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_NonJsonContentType_Answers415AndSendsNothing()
    {
        var request = Post(ValidOrder);
        request.Headers = new Dictionary<string, string> { ["content-type"] = "text/plain" };

        var response = await _handler.HandleAsync(request, _context, CancellationToken.None);

        Assert.Equal(415, response.StatusCode);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_NotPost_Answers405WithAllowAndSendsNothing()
    {
        var request = Post(ValidOrder);
        request.HttpMethod = "PUT";

        var response = await _handler.HandleAsync(request, _context, CancellationToken.None);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("POST", response.Headers!["Allow"]);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_SqsFailingAfterRetries_Answers503WithRetryAfterAndNoExceptionText()
    {
        _sqs.FailAll(SqsError.InternalError());

        var response = await _handler.HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        AssertProblem(response, 503, "urn:orderpipeline:problem:queue-unavailable");
        Assert.Equal("5", response.Headers!["Retry-After"]);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InternalError", response.Body, StringComparison.Ordinal);
        Assert.Equal(1 + MaxErrorRetry, _sqs.Requests.Count);
        Assert.Empty(_sqs.Messages);
        Assert.Empty(_metrics.Entries);
    }

    [Fact]
    public async Task HandleAsync_SqsThrottledAfterRetries_Answers503WithRetryAfter()
    {
        _sqs.FailAll(SqsError.RequestThrottled());

        var response = await _handler.HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        AssertProblem(response, 503, "urn:orderpipeline:problem:queue-unavailable");
        Assert.Equal("5", response.Headers!["Retry-After"]);
        Assert.Empty(_sqs.Messages);
    }

    [Fact]
    public async Task HandleAsync_SqsThrottledOnce_RetriesAndAnswers202()
    {
        _sqs.FailNext("SendMessage", 1, SqsError.RequestThrottled());

        var response = await _handler.HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(2, _sqs.Requests.Count);
        Assert.Single(_sqs.Messages);
    }

    [Fact]
    public async Task HandleAsync_QueueDoesNotExist_Answers500WithoutRetryAfterAndCountsANonRetryableFailure()
    {
        var handler = Handler(_sqs.QueueUrl("missing"), _client);

        var response = await handler.HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        AssertProblem(response, 500, "urn:orderpipeline:problem:internal-error");
        Assert.False(response.Headers!.ContainsKey("Retry-After"));
        Assert.Single(_sqs.Requests); // a 400 is not retried
        Assert.Empty(_sqs.Messages);
        AssertNonRetryableFailureCounted("SendMessage");
    }

    [Fact]
    public async Task HandleAsync_AccessDenied_Answers500AndCountsANonRetryableFailure()
    {
        await using var denying = StubHttpEndpoint.Answering(
            400, "application/x-amz-json-1.0", """{"__type":"com.amazon.coral.service#AccessDeniedException","message":"not authorized"}""");
        using var client = SqsClient(denying.ServiceUrl);

        var response = await Handler(denying.ServiceUrl + "/123456789012/orders", client)
            .HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        AssertProblem(response, 500, "urn:orderpipeline:problem:internal-error");
        Assert.DoesNotContain("not authorized", response.Body, StringComparison.Ordinal);
        AssertNonRetryableFailureCounted("SendMessage");
    }

    [Fact]
    public async Task HandleAsync_SqsUnreachable_Answers503()
    {
        var unreachable = await SqsEndpoint.StartAsync();
        var serviceUrl = unreachable.ServiceUrl;
        var queueUrl = unreachable.CreateQueue("orders");
        await unreachable.DisposeAsync();
        using var client = SqsClient(serviceUrl);

        var response = await Handler(queueUrl, client).HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        AssertProblem(response, 503, "urn:orderpipeline:problem:queue-unavailable");
        Assert.Equal("5", response.Headers!["Retry-After"]);
    }

    // A time-out after the request was written: SQS may have stored the message. Every attempt is bounded by the
    // producer's per-attempt time-out, so the answer comes within the function's budget (ProducerClients).
    [Fact]
    public async Task HandleAsync_SqsNeverAnswers_Answers504OutcomeUnknownAfterEveryAttemptTimedOut()
    {
        await using var hanging = StubHttpEndpoint.Hanging();
        using var client = SqsClient(hanging.ServiceUrl, budgeted: true);

        var response = await Handler(hanging.ServiceUrl + "/123456789012/orders", client)
            .HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        AssertOutcomeUnknown(response);
        // Every attempt was made and timed out. Only the lower bound is checked here: on a loaded machine (the whole
        // suite at once) 3 and once 4 requests reached this hanging endpoint for the SDK's 1 + MaxErrorRetry attempts,
        // counted as TCP connections that sent a whole request. The number of attempts itself is pinned exactly against
        // an endpoint that answers (HandleAsync_SqsFailingAfterRetries_Answers503WithRetryAfterAndNoExceptionText).
        Assert.True(hanging.Requests >= 1 + MaxErrorRetry, $"{hanging.Requests} request(s)");
        Assert.Empty(_metrics.Entries);
    }

    [Fact]
    public async Task HandleAsync_SqsClosesTheConnectionAfterTheRequest_Answers504OutcomeUnknown()
    {
        await using var closing = StubHttpEndpoint.Closing();
        using var client = SqsClient(closing.ServiceUrl);

        var response = await Handler(closing.ServiceUrl + "/123456789012/orders", client)
            .HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        AssertOutcomeUnknown(response);
    }

    // SQS answered 200, so it took the message, but the digest does not match what was sent: the SDK throws.
    [Fact]
    public async Task HandleAsync_SqsAnswerWithWrongDigest_Answers504OutcomeUnknown()
    {
        await using var corrupting = StubHttpEndpoint.Answering(
            200, "application/x-amz-json-1.0", """{"MessageId":"m-1","MD5OfMessageBody":"00000000000000000000000000000000"}""");
        using var client = SqsClient(corrupting.ServiceUrl);

        var response = await Handler(corrupting.ServiceUrl + "/123456789012/orders", client)
            .HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        AssertOutcomeUnknown(response);
    }

    [Fact]
    public async Task HandleAsync_DeadlineAlreadyPassed_Answers503AndSendsNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var response = await _handler.HandleAsync(Post(ValidOrder), _context, cancelled.Token);

        Assert.Equal(503, response.StatusCode);
        Assert.Empty(_sqs.Requests);
    }

    private SubmitOrderHandler Handler(string queueUrl, IAmazonSQS sqs) => new(
        new ProducerSettings(new Uri(queueUrl), IdempotencyTable, KeyLifetime, "OrderPipeline"),
        sqs,
        new IdempotencyStore(_dynamoDbClient, IdempotencyTable, KeyLifetime, _time),
        _metrics,
        _time);

    private static readonly BasicAWSCredentials TestCredentials = new("test", "test");

    /// <summary>
    /// The producer's SQS client configuration (its attempts), pointed at <paramref name="serviceUrl"/>; with
    /// <paramref name="budgeted"/> its per-attempt time-out too, else a generous one, so that a test machine busy with
    /// the whole suite cannot turn a slow loopback answer into a 504.
    /// </summary>
    private static AmazonSQSClient SqsClient(string serviceUrl, bool budgeted = false) =>
        new(TestCredentials, AtEndpoint(ProducerClients.SqsConfig(), serviceUrl, budgeted));

    private static AmazonDynamoDBClient DynamoDbClient(string serviceUrl) =>
        new(TestCredentials, AtEndpoint(ProducerClients.DynamoDbConfig(), serviceUrl, budgeted: false));

    private static TConfig AtEndpoint<TConfig>(TConfig config, string serviceUrl, bool budgeted)
        where TConfig : ClientConfig
    {
        config.ServiceURL = serviceUrl;
        config.AuthenticationRegion = "us-east-1";
        if (!budgeted)
        {
            config.Timeout = TimeSpan.FromSeconds(30);
        }

        return config;
    }

    private static void AssertProblem(ApiGatewayProxyResponse response, int status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers!["Content-Type"]);
        using var problem = JsonDocument.Parse(response.Body!);
        Assert.Equal(type, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static void AssertOutcomeUnknown(ApiGatewayProxyResponse response)
    {
        AssertProblem(response, 504, "urn:orderpipeline:problem:outcome-unknown");
        Assert.False(response.Headers!.ContainsKey("Retry-After"));
        Assert.Contains("Idempotency-Key", response.Body, StringComparison.Ordinal);
    }

    private void AssertNonRetryableFailureCounted(string operation)
    {
        var entry = Assert.Single(_metrics.Entries);
        Assert.Equal("OrderPipeline", entry.Namespace);
        Assert.Empty(entry.Dimensions);
        var metric = Assert.Single(entry.Metrics);
        Assert.Equal(("NonRetryableFailures", 1.0, Lambda.MetricUnit.Count), (metric.Name, metric.Value, metric.Unit));
        Assert.Equal(operation, entry.Properties["operation"]);
    }

    private const string ValidOrder =
        """{"customerId":"cust-42","currency":"EUR","items":[{"sku":"BOOK-123","quantity":2,"unitPrice":19.99}]}""";

    private static ApiGatewayProxyRequest Post(string body) => new()
    {
        Resource = "/orders",
        Path = "/orders",
        HttpMethod = "POST",
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        RequestContext = new ApiGatewayRequestContext { RequestId = "req-1", Stage = "v1" },
        Body = body,
    };
}

using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Http;

namespace OrderPipeline.Producer.Tests;

// The Idempotency-Key header: validated like the body, and, when valid, the source of the order id.
public sealed partial class SubmitOrderHandlerTests
{
    private const string OtherCustomerOrder =
        """{"customerId":"cust-43","currency":"EUR","items":[{"sku":"BOOK-123","quantity":2,"unitPrice":19.99}]}""";

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData(" padded")]
    [InlineData("tab\there")]
    [InlineData("caf\u00E9")]
    [InlineData("del\u007F")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk")] // 65 characters
    public async Task HandleAsync_InvalidIdempotencyKey_Answers400NamingTheHeaderAndSendsNothing(string key)
    {
        var response = await _handler.HandleAsync(PostWithKey(ValidOrder, key), _context, CancellationToken.None);

        AssertHeaderProblem(response);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_IdempotencyKeyTwiceWithDifferentValues_Answers400AndSendsNothing()
    {
        var request = Post(ValidOrder);
        request.MultiValueHeaders = new Dictionary<string, IList<string>> { ["Idempotency-Key"] = ["key-1", "key-2"] };

        var response = await _handler.HandleAsync(request, _context, CancellationToken.None);

        AssertHeaderProblem(response);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_IdempotencyKeyUnderTwoSpellingsWithDifferentValues_Answers400AndSendsNothing()
    {
        var request = PostWithKey(ValidOrder, "key-1");
        request.Headers!["idempotency-key"] = "key-2";

        var response = await _handler.HandleAsync(request, _context, CancellationToken.None);

        AssertHeaderProblem(response);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_InvalidKeyAndInvalidBody_NamesBothInOneProblem()
    {
        var response = await _handler.HandleAsync(PostWithKey("""{"currency":"EUR"}""", "bad key"), _context, CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        using var problem = JsonDocument.Parse(response.Body!);
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.TryGetProperty("header", out var header) && header.GetString() == "Idempotency-Key");
        Assert.Contains(errors, e => e.TryGetProperty("pointer", out var pointer) && pointer.GetString() == "/customerId");
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_SameKeySameValueTwiceInMultiValueHeaders_IsAccepted()
    {
        var request = PostWithKey(ValidOrder, "key-1");
        request.MultiValueHeaders = new Dictionary<string, IList<string>> { ["Idempotency-Key"] = ["key-1", "key-1"] };

        var response = await _handler.HandleAsync(request, _context, CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_SameKeyTwice_ReplaysTheFirstAnswerAndSendsOneMessage()
    {
        var first = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);
        var second = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        Assert.Equal(202, first.StatusCode);
        Assert.False(first.Headers!.ContainsKey("Idempotent-Replayed"));
        Assert.Equal(202, second.StatusCode);
        Assert.Equal("true", second.Headers!["Idempotent-Replayed"]);
        Assert.Equal(first.Body, second.Body);
        Assert.True(IdempotencyKey.TryParse("retry-7f3a", out var key));
        var expected = OrderId.FromIdempotencyKey("cust-42", key);
        Assert.Equal(expected, AcceptedOrderId(first));
        Assert.Equal(expected, SentOrderId(Assert.Single(_sqs.Messages).Body));
    }

    [Fact]
    public async Task HandleAsync_KeyAccepted_StoresOneCompletedRecordWithTheDigestOrderIdAndExpiry()
    {
        var response = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);
        var writes = _dynamoDb.Requests.Select(request => request.Operation).ToList();

        var record = await KeyRecord("cust-42#retry-7f3a");
        Assert.Equal("COMPLETED", record["status"].S);
        Assert.True(OrderRequest.TryParse(Encoding.UTF8.GetBytes(ValidOrder), out var order, out _));
        Assert.Equal(order.Digest(), record["requestDigest"].S);
        Assert.Equal(AcceptedOrderId(response).ToString(), record["orderId"].S);
        Assert.Equal(
            (Now + TimeSpan.FromHours(24)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            record["expiresAt"].N);
        Assert.Equal(["PutItem", "PutItem"], writes); // the conditional claim, then the completion
    }

    // draft-ietf-httpapi-idempotency-key-header §2.7: "If there is an attempt to reuse an idempotency key with a
    // different request payload, the resource server SHOULD reply with a HTTP 422 status code".
    [Fact]
    public async Task HandleAsync_SameKeyWithAnotherOrder_Answers422NamingTheHeaderAndSendsNothing()
    {
        await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        var response = await _handler.HandleAsync(PostWithKey(ValidOrder.Replace("\"quantity\":2", "\"quantity\":3", StringComparison.Ordinal), "retry-7f3a"), _context, CancellationToken.None);

        AssertProblem(response, 422, "urn:orderpipeline:problem:idempotency-key-reused");
        using var problem = JsonDocument.Parse(response.Body!);
        Assert.Equal("Idempotency-Key", Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray()).GetProperty("header").GetString());
        Assert.Single(_sqs.Messages);
        Assert.Equal("COMPLETED", (await KeyRecord("cust-42#retry-7f3a"))["status"].S);
    }

    [Fact]
    public async Task HandleAsync_SameOrderWrittenDifferently_IsAReplayNotAnotherOrder()
    {
        await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);
        const string Respaced = """{ "items": [{"unitPrice": 19.99, "quantity": 2, "sku": "BOOK-123"}], "currency": "EUR", "customerId": "cust-42" }""";

        var response = await _handler.HandleAsync(PostWithKey(Respaced, "retry-7f3a"), _context, CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("true", response.Headers!["Idempotent-Replayed"]);
        Assert.Single(_sqs.Messages);
    }

    // §2.7: "If the request is retried, while the original request is still being processed, the resource server MUST
    // reply with an HTTP 409 status code".
    [Fact]
    public async Task HandleAsync_SameKeyWhileTheFirstIsInProgress_Answers409WithRetryAfterTheLockAndSendsNothing()
    {
        await Store().ClaimAsync(Record(ValidOrder, "retry-7f3a"), Now.AddSeconds(7.2), CancellationToken.None);

        var response = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        AssertProblem(response, 409, "urn:orderpipeline:problem:idempotency-key-in-use");
        Assert.Equal("8", response.Headers!["Retry-After"]);
        Assert.Empty(_sqs.Requests);
    }

    // An invocation that crashed or timed out holding the key stops blocking once its deadline has passed.
    [Fact]
    public async Task HandleAsync_KeyLeftInProgressPastItsDeadline_TakesTheKeyOverAndSends()
    {
        await Store().ClaimAsync(Record(ValidOrder, "retry-7f3a"), Now.AddSeconds(-1), CancellationToken.None);

        var response = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
        Assert.Single(_sqs.Messages);
        Assert.Equal("COMPLETED", (await KeyRecord("cust-42#retry-7f3a"))["status"].S);
    }

    [Fact]
    public async Task HandleAsync_AnotherOrderUnderAKeyLeftInProgressPastItsDeadline_Answers422()
    {
        await Store().ClaimAsync(Record(ValidOrder, "retry-7f3a"), Now.AddSeconds(-1), CancellationToken.None);

        var response = await _handler.HandleAsync(PostWithKey(ValidOrder.Replace("EUR", "USD", StringComparison.Ordinal), "retry-7f3a"), _context, CancellationToken.None);

        AssertProblem(response, 422, "urn:orderpipeline:problem:idempotency-key-reused");
        Assert.Empty(_sqs.Requests);
    }

    // DynamoDB deletes expired items only eventually; until then the producer must ignore them itself.
    [Fact]
    public async Task HandleAsync_KeyReusedAfterItExpired_IsANewOrder()
    {
        await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);
        _time.Now = Now + TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1);

        var response = await _handler.HandleAsync(PostWithKey(ValidOrder.Replace("EUR", "USD", StringComparison.Ordinal), "retry-7f3a"), _context, CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
        Assert.False(response.Headers!.ContainsKey("Idempotent-Replayed"));
        Assert.Equal(2, _sqs.Messages.Count);
    }

    [Fact]
    public async Task HandleAsync_SendCertainlyFailed_ForgetsTheKeySoThatARetryWithAnyOrderSucceeds()
    {
        _sqs.FailAll(SqsError.InternalError());
        var failed = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);
        _sqs.ResetFaults();

        var retried = await _handler.HandleAsync(PostWithKey(ValidOrder.Replace("EUR", "USD", StringComparison.Ordinal), "retry-7f3a"), _context, CancellationToken.None);

        Assert.Equal(503, failed.StatusCode);
        Assert.Equal(202, retried.StatusCode);
        Assert.Single(_sqs.Messages);
    }

    // Nobody knows whether the first message reached the queue: the same order may be retried at once (its second
    // message carries the same order id, which the consumer's conditional write absorbs); another order may not.
    [Fact]
    public async Task HandleAsync_SendOutcomeUnknown_ReleasesTheKeyForTheSameOrderOnly()
    {
        await using var closing = StubHttpEndpoint.Closing();
        using var client = SqsClient(closing.ServiceUrl);
        var unknown = await Handler(closing.ServiceUrl + "/123456789012/orders", client)
            .HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        var other = await _handler.HandleAsync(PostWithKey(ValidOrder.Replace("EUR", "USD", StringComparison.Ordinal), "retry-7f3a"), _context, CancellationToken.None);
        var same = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        Assert.Equal(504, unknown.StatusCode);
        Assert.Equal(422, other.StatusCode);
        Assert.Equal(202, same.StatusCode);
        Assert.Equal(OrderId.FromIdempotencyKey("cust-42", Key("retry-7f3a")), SentOrderId(Assert.Single(_sqs.Messages).Body));
    }

    [Fact]
    public async Task HandleAsync_IdempotencyTableMissing_Answers500CountsItAndSendsNothing()
    {
        var store = new IdempotencyStore(_dynamoDbClient, "no-such-table", KeyLifetime, _time);
        var handler = new SubmitOrderHandler(
            new ProducerSettings(new Uri(_queueUrl), "no-such-table", KeyLifetime, "OrderPipeline"), _client, store, _metrics, _time);

        var response = await handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        AssertProblem(response, 500, "urn:orderpipeline:problem:internal-error");
        AssertNonRetryableFailureCounted("ClaimIdempotencyKey");
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task HandleAsync_IdempotencyTableThrottling_Answers503AndSendsNothing()
    {
        _dynamoDb.Service.FailAll(Local.DynamoDb.DynamoDbError.Throttling());

        var response = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        AssertProblem(response, 503, "urn:orderpipeline:problem:queue-unavailable");
        Assert.Equal("5", response.Headers!["Retry-After"]);
        Assert.Empty(_sqs.Requests);
    }

    // SQS took the message, so the answer is 202 even when the key cannot be marked completed: the key stays locked
    // until the deadline, and a later retry sends the same order id again, for the consumer to absorb.
    [Fact]
    public async Task HandleAsync_CompletionWriteFails_StillAnswers202()
    {
        using var failingAfterClaim = new FailingAfterFirstPut(_dynamoDb);
        var handler = new SubmitOrderHandler(
            new ProducerSettings(new Uri(_queueUrl), IdempotencyTable, KeyLifetime, "OrderPipeline"),
            _client,
            new IdempotencyStore(failingAfterClaim, IdempotencyTable, KeyLifetime, _time),
            _metrics,
            _time);

        var response = await handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);
        _dynamoDb.Service.ResetFaults();

        Assert.Equal(202, response.StatusCode);
        Assert.Single(_sqs.Messages);
        Assert.Equal("IN_PROGRESS", (await KeyRecord("cust-42#retry-7f3a"))["status"].S);
    }

    [Fact]
    public async Task HandleAsync_SameKeyFromDifferentCustomers_DifferentOrderIds()
    {
        var first = await _handler.HandleAsync(PostWithKey(ValidOrder, "shared-key"), _context, CancellationToken.None);
        var second = await _handler.HandleAsync(PostWithKey(OtherCustomerOrder, "shared-key"), _context, CancellationToken.None);

        Assert.NotEqual(AcceptedOrderId(first), AcceptedOrderId(second));
        Assert.Equal(8, AcceptedOrderId(first).Value.Version);
        Assert.Equal(8, AcceptedOrderId(second).Value.Version);
    }

    [Fact]
    public async Task HandleAsync_NoKeyTwice_DistinctVersion7Ids()
    {
        var first = await _handler.HandleAsync(Post(ValidOrder), _context, CancellationToken.None);
        var second = await _handler.HandleAsync(Post(ValidOrder), _context, CancellationToken.None);

        Assert.NotEqual(AcceptedOrderId(first), AcceptedOrderId(second));
        Assert.Equal(7, AcceptedOrderId(first).Value.Version);
        Assert.Equal(7, AcceptedOrderId(second).Value.Version);
    }

    private IdempotencyStore Store() => new(_dynamoDbClient, IdempotencyTable, KeyLifetime, _time);

    private static IdempotencyKey Key(string text)
    {
        Assert.True(IdempotencyKey.TryParse(text, out var key));
        return key;
    }

    private static IdempotencyRecord Record(string body, string key)
    {
        Assert.True(OrderRequest.TryParse(Encoding.UTF8.GetBytes(body), out var order, out _));
        return IdempotencyRecord.For(order, Key(key), OrderId.FromIdempotencyKey(order.CustomerId, Key(key)));
    }

    /// <summary>The key's record as the table holds it (a consistent GetItem); fails the test when there is none.</summary>
    private async Task<Dictionary<string, AttributeValue>> KeyRecord(string id)
    {
        var response = await _dynamoDbClient.GetItemAsync(new GetItemRequest
        {
            TableName = IdempotencyTable,
            Key = new() { [IdempotencyStore.IdAttribute] = new AttributeValue { S = id } },
            ConsistentRead = true,
        });
        Assert.True(response.IsItemSet, $"No record {id}");
        return response.Item;
    }

    /// <summary>A real client to the local table whose first PutItem (the claim) succeeds and every later call fails.</summary>
    private sealed class FailingAfterFirstPut(DynamoDbEndpoint endpoint)
        : AmazonDynamoDBClient(TestCredentials, AtEndpoint(ProducerClients.DynamoDbConfig(), endpoint.ServiceUrl, budgeted: false))
    {
        public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
        {
            var response = await base.PutItemAsync(request, cancellationToken);
            endpoint.Service.FailAll(Local.DynamoDb.DynamoDbError.InternalServerError());
            return response;
        }
    }

    private static ApiGatewayProxyRequest PostWithKey(string body, string key)
    {
        var request = Post(body);
        request.Headers!["Idempotency-Key"] = key;
        return request;
    }

    private static void AssertHeaderProblem(ApiGatewayProxyResponse response)
    {
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers!["Content-Type"]);
        using var problem = JsonDocument.Parse(response.Body!);
        Assert.Equal("urn:orderpipeline:problem:invalid-order", problem.RootElement.GetProperty("type").GetString());
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("Idempotency-Key", error.GetProperty("header").GetString());
        Assert.False(error.TryGetProperty("pointer", out _));
    }

    private static OrderId AcceptedOrderId(ApiGatewayProxyResponse response)
    {
        Assert.Equal(202, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body!);
        Assert.True(OrderId.TryParse(body.RootElement.GetProperty("orderId").GetString(), out var id));
        return id;
    }

    private static OrderId SentOrderId(string body)
    {
        Assert.True(OrderMessage.TryParse(body, out var message, out var errors), string.Join("; ", errors));
        return message.OrderId;
    }
}

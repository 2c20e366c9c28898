using System.Text.Json;
using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;

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
    public async Task HandleAsync_SameKeyTwice_SameOrderIdInBothAnswersAndBothMessages()
    {
        var first = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);
        var second = await _handler.HandleAsync(PostWithKey(ValidOrder, "retry-7f3a"), _context, CancellationToken.None);

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(first.Body, second.Body);
        Assert.True(IdempotencyKey.TryParse("retry-7f3a", out var key));
        var expected = OrderId.FromIdempotencyKey("cust-42", key);
        Assert.Equal(expected, AcceptedOrderId(first));
        Assert.Equal(2, _sqs.Messages.Count);
        Assert.All(_sqs.Messages, sent => Assert.Equal(expected, SentOrderId(sent.Body)));
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

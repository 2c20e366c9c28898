using System.Text;
using CsCheck;
using OrderPipeline.Contracts.Tests.Fixtures;

namespace OrderPipeline.Contracts.Tests;

public sealed class OrderMessageTests
{
    private const string Id = "019abcde-f012-7345-8678-9abcdef01234";
    private const string ExampleOrder =
        """{"customerId":"cust-42","currency":"EUR","items":[{"sku":"BOOK-123","quantity":2,"unitPrice":19.99}]}""";
    private const string Example =
        """{"version":1,"orderId":"019abcde-f012-7345-8678-9abcdef01234","acceptedAt":"2026-11-26T05:13:57.123Z","order":""" + ExampleOrder + "}";

    private static readonly OrderMessage ExampleMessage = new(
        new OrderId(Guid.Parse(Id)),
        new DateTimeOffset(2026, 11, 26, 5, 13, 57, 123, TimeSpan.Zero),
        new OrderRequest("cust-42", "EUR", [new OrderItem("BOOK-123", 2, 19.99m)]));

    [Fact]
    public void ToJson_Example_WritesContractForm() => Assert.Equal(Example, ExampleMessage.ToJson());

    [Fact]
    public void ToUtf8Json_Example_WritesSameBytesAsText() =>
        Assert.Equal(Encoding.UTF8.GetBytes(Example), ExampleMessage.ToUtf8Json());

    [Fact]
    public void Version_IsCurrentVersion() => Assert.Equal(1, ExampleMessage.Version);

    [Fact]
    public void AcceptedAt_WithOffsetAndSubMilliseconds_IsHeldInUtcWholeMilliseconds()
    {
        var local = new DateTimeOffset(2026, 11, 26, 7, 13, 57, 123, TimeSpan.FromHours(2)).AddTicks(9_999);

        var message = ExampleMessage with { AcceptedAt = local };

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 5, 13, 57, 123, TimeSpan.Zero), message.AcceptedAt);
        Assert.Equal(TimeSpan.Zero, message.AcceptedAt.Offset);
        Assert.Equal(Example, message.ToJson());
    }

    [Fact]
    public void TryParse_Example_ReturnsEqualMessage()
    {
        Assert.True(OrderMessage.TryParse(Example, out var message, out var errors));
        Assert.Empty(errors);
        Assert.Equal(ExampleMessage, message);
    }

    [Fact]
    public void TryParse_GeneratedMessage_RoundTripsThroughTextAndBytes() =>
        OrderGenerators.Message.Sample(message =>
        {
            Assert.True(OrderMessage.TryParse(message.ToJson(), out var fromText, out _));
            Assert.True(OrderMessage.TryParse(message.ToUtf8Json(), out var fromBytes, out _));
            Assert.Equal(message, fromText);
            Assert.Equal(message, fromBytes);
        });

    [Theory]
    [InlineData("2", "version 2 is not supported; supported: 1")]
    [InlineData("0", "version 0 is not supported; supported: 1")]
    [InlineData("\"1\"", "must be an integer message version; supported: 1")]
    [InlineData("1.0", "must be an integer message version; supported: 1")]
    public void TryParse_VersionNotSupported_ReportsOnlyTheVersion(string version, string detail) =>
        Assert.Equal(
            [new ValidationError("/version", detail)],
            Errors($$$"""{"version":{{{version}}},"orderId":"bad","order":{}}"""));

    [Fact]
    public void TryParse_VersionMissing_ReportsOnlyTheVersion() =>
        Assert.Equal([new ValidationError("/version", "is required")], Errors("""{"orderId":"bad"}"""));

    [Fact]
    public void TryParse_EveryFieldBroken_ReportsEachWithOrderErrorsUnderOrder()
    {
        var body = $$$"""
            {"version":1,"orderId":"{{{Id.ToUpperInvariant()}}}","acceptedAt":"2026-11-26T05:13:57Z",
             "order":{"customerId":"cust-42","currency":"EUR","items":[{"sku":"BOOK-123","quantity":0,"unitPrice":19.99}]}}
            """;

        Assert.Equal(
            [
                new ValidationError("/orderId", "must be a UUID in lowercase hexadecimal 8-4-4-4-12 form, not the nil UUID"),
                new ValidationError("/acceptedAt", "must be a UTC timestamp with milliseconds, like 2026-11-26T05:13:57.123Z"),
                new ValidationError("/order/items/0/quantity", "must be an integer from 1 to 999"),
            ],
            Errors(body));
    }

    [Theory]
    [InlineData("\"2026-11-26T05:13:57.123+00:00\"")]
    [InlineData("\"2026-11-26T05:13:57.1234Z\"")]
    [InlineData("\"2026-11-26 05:13:57.123Z\"")]
    [InlineData("\"2026-02-30T05:13:57.123Z\"")]
    [InlineData("\" 2026-11-26T05:13:57.123Z\"")]
    [InlineData("1795670037123")]
    public void TryParse_AcceptedAtInOtherForm_ReportsIt(string acceptedAt) =>
        Assert.Equal(
            [new ValidationError("/acceptedAt", "must be a UTC timestamp with milliseconds, like 2026-11-26T05:13:57.123Z")],
            Errors(Example.Replace("\"2026-11-26T05:13:57.123Z\"", acceptedAt, StringComparison.Ordinal)));

    [Theory]
    [InlineData("[]", "/order", "must be a JSON object")]
    [InlineData("""{"currency":"EUR","items":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "/order/customerId", "is required")]
    public void TryParse_OrderBroken_ReportsItUnderOrder(string order, string expectedPointer, string detail) =>
        Assert.Equal(
            [new ValidationError(expectedPointer, detail)],
            Errors(Example.Replace(ExampleOrder, order, StringComparison.Ordinal)));

    [Fact]
    public void TryParse_RepeatedOrderId_ReportsIt() =>
        Assert.Equal(
            [new ValidationError("/orderId", "must appear only once in its object")],
            Errors(Example.Replace("\"version\":1,", $"\"version\":1,\"orderId\":\"{Id}\",", StringComparison.Ordinal)));

    [Fact]
    public void TryParse_UnknownProperties_AreIgnored()
    {
        var body = Example.Replace("{\"version\":1,", "{\"traceparent\":\"x\",\"version\":1,", StringComparison.Ordinal);

        Assert.True(OrderMessage.TryParse(body, out var message, out _));
        Assert.Equal(ExampleMessage, message);
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{\"version\":1", "is not valid JSON (line 1, byte 13)")]
    public void TryParse_BodyUnreadable_ReportsOneWholeBodyError(string? body, string detail) =>
        Assert.Equal([new ValidationError("", detail)], Errors(body));

    [Fact]
    public void TryParse_ArbitraryDocuments_ReturnsResultWithoutThrowing() =>
        Gen.OneOf(Gen.Byte.Array[0, 200], OrderGenerators.JsonLike, OrderGenerators.RandomDocument).Sample(body =>
        {
            var valid = OrderMessage.TryParse(body, out var message, out var errors);

            Assert.Equal(valid, message is not null);
            Assert.Equal(valid, errors.Count == 0);
        }, iter: 5_000);

    private static IReadOnlyList<ValidationError> Errors(string? body)
    {
        Assert.False(OrderMessage.TryParse(body, out var message, out var errors));
        Assert.Null(message);
        return errors;
    }
}

using System.Text;
using CsCheck;
using OrderPipeline.Contracts.Validation;
using OrderPipeline.Contracts.Tests.Fixtures;
using static OrderPipeline.Contracts.Tests.Fixtures.OrderJson;

namespace OrderPipeline.Contracts.Tests;

public sealed class OrderRequestTests
{
    private const string WholeBody = "";
    private const string CustomerIdRule = "must be a string of 1 to 64 characters from A-Z, a-z, 0-9, '_' and '-'";
    private const string CurrencyRule = "must be an active ISO 4217 currency code in capitals, such as EUR or USD";
    private const string ItemsRule = "must be an array of 1 to 50 items";

    [Fact]
    public void TryParse_Example_ReturnsTheOrder()
    {
        var order = Valid(Example);

        Assert.Equal("cust-42", order.CustomerId);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal(new OrderItem("BOOK-123", 2, 19.99m), Assert.Single(order.Items));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public void TryParse_EmptyBody_ReportsOneWholeBodyError(string body) =>
        Assert.Equal(new ValidationError(WholeBody, "must not be empty"), SingleError(body));

    [Fact]
    public void TryParse_BodyAtSizeLimit_IsRead()
    {
        var body = Example.PadRight(OrderRules.MaxBodyBytes);

        Assert.Equal(65_536, Encoding.UTF8.GetByteCount(body));
        Valid(body);
    }

    [Fact]
    public void TryParse_BodyOverSizeLimit_ReportsSize() =>
        Assert.Equal(
            new ValidationError(WholeBody, "must be at most 65536 bytes"),
            SingleError(Example.PadRight(OrderRules.MaxBodyBytes + 1)));

    [Theory]
    [InlineData("{\"customerId\":", "is not valid JSON (line 1, byte 15)")]
    [InlineData("{\"customerId\":\"a\",}", "is not valid JSON (line 1, byte 19)")]
    [InlineData("{\n  \"customerId\": 'a'\n}", "is not valid JSON (line 2, byte 17)")]
    [InlineData("{} {}", "is not valid JSON (line 1, byte 4)")]
    [InlineData("{\"a\":1 /* comment */}", "is not valid JSON (line 1, byte 8)")]
    [InlineData("\uFEFF{}", "is not valid JSON (line 1, byte 1)")]
    public void TryParse_MalformedJson_ReportsPositionOnly(string body, string detail) =>
        Assert.Equal(new ValidationError(WholeBody, detail), SingleError(body));

    [Fact]
    public void TryParse_NestingDeeperThan64_ReportsMalformedJson()
    {
        var error = SingleError("{\"x\":" + new string('[', 64) + new string(']', 64) + "}");

        Assert.Equal(new ValidationError(WholeBody, "is not valid JSON (line 1, byte 69)"), error);
    }

    [Fact]
    public void TryParse_InvalidUtf8_ReportsFirstBadByte()
    {
        byte[] body = [.. "{\"customerId\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var (_, _, errors) = Parse(body);

        Assert.Equal([new ValidationError(WholeBody, "must be UTF-8 text (invalid sequence at byte 16)")], errors);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("true")]
    public void TryParse_BodyNotAnObject_ReportsOneWholeBodyError(string body) =>
        Assert.Equal(new ValidationError(WholeBody, "must be a JSON object"), SingleError(body));

    [Fact]
    public void TryParse_EmptyObject_ReportsEveryRequiredProperty()
    {
        var (_, _, errors) = Parse("{}");

        Assert.Equal(
            [
                new ValidationError("/customerId", "is required"),
                new ValidationError("/currency", "is required"),
                new ValidationError("/items", "is required"),
            ],
            errors);
    }

    [Fact]
    public void TryParse_PropertyNamesDifferInCase_TreatsThemAsUnknown() =>
        Assert.Equal(
            new ValidationError("/customerId", "is required"),
            SingleError("""{"CustomerId":"cust-42","currency":"EUR","items":[{"sku":"A","quantity":1,"unitPrice":1}]}"""));

    [Theory]
    [InlineData("c")]
    [InlineData("cust_42-A")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    [InlineData("\\u0041bc")]
    public void TryParse_CustomerIdWithinRule_IsAccepted(string customerId) =>
        Valid(Request(customerId: Quoted(customerId)));

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"01234567890123456789012345678901234567890123456789012345678901234\"")]
    [InlineData("\"cust 42\"")]
    [InlineData("\"cust.42\"")]
    [InlineData("\"cust\u00e9\"")]
    [InlineData("\"\uFF23ust\"")] // full-width C
    [InlineData("\"\u0441ust\"")] // Cyrillic es
    [InlineData("\"cust\\u0000\"")]
    [InlineData("\"\\ud800\"")] // lone surrogate: valid JSON, not text
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[\"cust-42\"]")]
    [InlineData("{}")]
    public void TryParse_CustomerIdBreaksRule_ReportsIt(string customerId) =>
        Assert.Equal(new ValidationError("/customerId", CustomerIdRule), SingleError(Request(customerId: customerId)));

    [Theory]
    [InlineData("\"eur\"")]
    [InlineData("\"EU\"")]
    [InlineData("\"EURO\"")]
    [InlineData("\"\"")]
    [InlineData("\"E1R\"")]
    [InlineData("\"\uFF25UR\"")] // full-width E
    [InlineData("\"\u0415UR\"")] // Cyrillic Ie
    [InlineData("978")]
    [InlineData("null")]
    [InlineData("\"ABC\"")] // the shape of a code, but no currency's
    [InlineData("\"XTS\"")] // ISO 4217's code for testing
    [InlineData("\"XXX\"")] // ISO 4217's "no currency"
    [InlineData("\"XAU\"")] // gold: a commodity, not money
    [InlineData("\"CLF\"")] // a funds code (Unidad de Fomento)
    [InlineData("\"HRK\"")] // withdrawn 2023-01-01 (Croatia adopted the euro)
    [InlineData("\"BGN\"")] // withdrawn 2026 (Bulgaria adopted the euro)
    [InlineData("\"ZWL\"")] // replaced by ZWG in 2024
    public void TryParse_CurrencyBreaksRule_ReportsIt(string currency) =>
        Assert.Equal(new ValidationError("/currency", CurrencyRule), SingleError(Request(currency: currency)));

    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("JPY")]
    [InlineData("AED")] // the first code
    [InlineData("ZWG")] // the last code, added 2024
    [InlineData("XCG")] // Caribbean guilder, added 2025
    [InlineData("XOF")] // a regional currency
    public void TryParse_ActiveCurrency_ReadsIt(string currency)
        => Assert.Equal(currency, Valid(Request(currency: $"\"{currency}\"")).Currency);

    [Fact]
    public void TryParse_EveryCodeOfTheList_IsAcceptedAndNoOtherThreeLetterString()
    {
        var accepted = new List<string>();
        for (var a = 'A'; a <= 'Z'; a++)
        {
            for (var b = 'A'; b <= 'Z'; b++)
            {
                for (var c = 'A'; c <= 'Z'; c++)
                {
                    var code = new string([a, b, c]);
                    if (Parse(Request(currency: $"\"{code}\"")).Valid)
                    {
                        accepted.Add(code);
                    }
                }
            }
        }

        Assert.Equal(CurrencyCodes.All(), accepted);
        Assert.Equal(155, accepted.Count);
    }

    [Fact]
    public void Digest_SameOrderWrittenDifferently_IsTheSameSha256OfTheCompactJson()
    {
        var spaced = Valid("""
            { "items": [ { "unitPrice": 19.99, "sku": "BOOK-123", "quantity": 2 } ], "currency": "EUR",
              "customerId": "cust-42", "note": "unknown properties are not part of the order" }
            """);

        Assert.Equal(Valid(Example).Digest(), spaced.Digest());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Example))), spaced.Digest());
    }

    [Fact]
    public void Digest_AnyFieldDiffers_Differs()
    {
        var order = Valid(Example);

        Assert.NotEqual(order.Digest(), (order with { Currency = "USD" }).Digest());
        Assert.NotEqual(order.Digest(), (order with { CustomerId = "cust-43" }).Digest());
        Assert.NotEqual(order.Digest(), (order with { Items = [new OrderItem("BOOK-123", 3, 19.99m)] }).Digest());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public void TryParse_ItemCountWithinRule_ReadsEveryItem(int count) =>
        Assert.Equal(count, Valid(Request(items: RepeatedItems(count))).Items.Count);

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("\"items\"")]
    [InlineData("null")]
    [InlineData("1")]
    public void TryParse_ItemsNotAnArrayOfOneOrMore_ReportsIt(string items) =>
        Assert.Equal(new ValidationError("/items", ItemsRule), SingleError(Request(items: items)));

    [Fact]
    public void TryParse_51Items_ReportsCountWithoutCheckingItems() =>
        Assert.Equal(
            new ValidationError("/items", ItemsRule),
            SingleError(Request(items: Items([.. Enumerable.Repeat("{}", 51)]))));

    [Fact]
    public void TryParse_ManyBrokenRules_ReportsEachAtItsPointer()
    {
        var body = Request(
            customerId: "\"\"",
            currency: "\"eur\"",
            items: Items(Item(quantity: "0"), "7", Item(sku: "\"b\"", unitPrice: "19.999"), """{"quantity":1}"""));

        var (valid, _, errors) = Parse(body);

        Assert.False(valid);
        Assert.Equal(
            [
                new ValidationError("/customerId", CustomerIdRule),
                new ValidationError("/currency", CurrencyRule),
                new ValidationError("/items/0/quantity", "must be an integer from 1 to 999"),
                new ValidationError("/items/1", "must be a JSON object"),
                new ValidationError("/items/2/sku", "must be a string of 1 to 32 characters from A-Z, 0-9 and '-'"),
                new ValidationError("/items/2/unitPrice", "must be a number from 0 to 1000000 with at most 2 decimal places"),
                new ValidationError("/items/3/sku", "is required"),
                new ValidationError("/items/3/unitPrice", "is required"),
            ],
            errors);
    }

    [Theory]
    [InlineData("""{"customerId":"a","customerId":"a","currency":"EUR","items":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "/customerId")]
    [InlineData("""{"customerId":"a","currency":"EUR","customer\u0049d":"b","items":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "/customerId")]
    [InlineData("""{"customerId":"a","currency":"EUR","items":[{"sku":"A","quantity":1,"quantity":1,"unitPrice":1}]}""", "/items/0/quantity")]
    public void TryParse_ContractPropertyRepeated_ReportsIt(string body, string expectedPointer) =>
        Assert.Equal(new ValidationError(expectedPointer, "must appear only once in its object"), SingleError(body));

    [Fact]
    public void TryParse_UnknownProperties_AreIgnored()
    {
        var order = Valid("""
            {"note":{"deep":[1,2]},"note":"repeated","customerId":"cust-42","currency":"EUR","\ud800":1,
             "items":[{"sku":"BOOK-123","gift":true,"quantity":2,"unitPrice":19.99}]}
            """);

        Assert.Equal(Valid(Example), order);
    }

    [Fact]
    public void Total_SumsQuantityTimesUnitPrice()
    {
        var order = new OrderRequest("c", "EUR", [new OrderItem("A", 2, 19.99m), new OrderItem("B", 3, 0.01m)]);

        Assert.Equal(40.01m, order.Total);
    }

    [Fact]
    public void Equals_SameValuesInOtherListInstances_IsTrue()
    {
        var first = new OrderRequest("c", "EUR", [new OrderItem("A", 1, 1.5m), new OrderItem("B", 2, 2m)]);
        var second = new OrderRequest("c", "EUR", new List<OrderItem> { new("A", 1, 1.50m), new("B", 2, 2m) });

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equals_ItemsInOtherOrder_IsFalse() =>
        Assert.NotEqual(
            new OrderRequest("c", "EUR", [new OrderItem("A", 1, 1m), new OrderItem("B", 1, 1m)]),
            new OrderRequest("c", "EUR", [new OrderItem("B", 1, 1m), new OrderItem("A", 1, 1m)]));

    [Fact]
    public void ToUtf8Json_Example_WritesContractForm() =>
        Assert.Equal(Example, Encoding.UTF8.GetString(Valid(Example).ToUtf8Json()));

    [Fact]
    public void TryParse_GeneratedValidOrder_ReadsItBackEqual() =>
        OrderGenerators.Request.Sample(order => Assert.Equal(order, Valid(Encoding.UTF8.GetString(order.ToUtf8Json()))));

    [Fact]
    public void TryParse_ArbitraryBytes_ReturnsErrorsWithoutThrowing() =>
        Gen.Byte.Array[0, 200].Sample(AssertConsistentResult, iter: 5_000);

    [Fact]
    public void TryParse_NearMissesAndRandomDocuments_ReturnsResultWithoutThrowing() =>
        Gen.OneOf(OrderGenerators.MutatedRequest, OrderGenerators.JsonLike, OrderGenerators.RandomDocument).Sample(AssertConsistentResult, iter: 5_000);

    private static void AssertConsistentResult(byte[] body)
    {
        var (valid, order, errors) = Parse(body);

        Assert.Equal(valid, order is not null);
        Assert.Equal(valid, errors.Count == 0);
    }
}

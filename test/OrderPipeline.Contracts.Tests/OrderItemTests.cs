using System.Globalization;
using static OrderPipeline.Contracts.Tests.Fixtures.OrderJson;

namespace OrderPipeline.Contracts.Tests;

/// <summary>The rules of one element of <c>items</c>, read through <see cref="OrderRequest.TryParse"/>.</summary>
public sealed class OrderItemTests
{
    private const string SkuRule = "must be a string of 1 to 32 characters from A-Z, 0-9 and '-'";
    private const string QuantityRule = "must be an integer from 1 to 999";
    private const string UnitPriceRule = "must be a number from 0 to 1000000 with at most 2 decimal places";

    [Theory]
    [InlineData("A")]
    [InlineData("BOOK-123")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ-01234")]
    public void TryParse_SkuWithinRule_IsAccepted(string sku) =>
        Assert.Equal(sku, ReadItem(Item(sku: Quoted(sku))).Sku);

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345\"")]
    [InlineData("\"book-123\"")]
    [InlineData("\"BOOK_123\"")]
    [InlineData("\"BOOK 123\"")]
    [InlineData("\"BOOK\u2010123\"")] // Unicode hyphen
    [InlineData("\"\uFF22OOK\"")] // full-width B
    [InlineData("123")]
    [InlineData("null")]
    public void TryParse_SkuBreaksRule_ReportsIt(string sku) =>
        Assert.Equal(new ValidationError("/items/0/sku", SkuRule), SingleError(Request(items: Items(Item(sku: sku)))));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("999", 999)]
    [InlineData("42", 42)]
    public void TryParse_QuantityWithinRule_IsAccepted(string quantity, int expected) =>
        Assert.Equal(expected, ReadItem(Item(quantity: quantity)).Quantity);

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("-1")]
    [InlineData("-0")]
    [InlineData("2.5")]
    [InlineData("2.0")]
    [InlineData("2e0")]
    [InlineData("1e400")]
    [InlineData("2147483648")]
    [InlineData("\"2\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[2]")]
    public void TryParse_QuantityBreaksRule_ReportsIt(string quantity) =>
        Assert.Equal(
            new ValidationError("/items/0/quantity", QuantityRule),
            SingleError(Request(items: Items(Item(quantity: quantity)))));

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0.00", "0")]
    [InlineData("0.01", "0.01")]
    [InlineData("19.99", "19.99")]
    [InlineData("19.990", "19.99")]
    [InlineData("19.9900000000000000000000000000000", "19.99")]
    [InlineData("1000000", "1000000")]
    [InlineData("1000000.00", "1000000")]
    [InlineData("1e2", "100")]
    [InlineData("1.5E+1", "15")]
    [InlineData("1999e-2", "19.99")]
    [InlineData("1000e-4", "0.1")]
    public void TryParse_UnitPriceWithinRule_ReadsItAsDecimal(string unitPrice, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), ReadItem(Item(unitPrice: unitPrice)).UnitPrice);

    [Fact]
    public void TryParse_UnitPriceWithInsignificantThirdDecimal_KeepsTwoDecimalPlaces() =>
        Assert.Equal("19.99", ReadItem(Item(unitPrice: "19.990")).UnitPrice.ToString(CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1000000.01")]
    [InlineData("19.999")]
    [InlineData("0.001")]
    [InlineData("1e-3")]
    [InlineData("1e-400")] // the decimal parser rounds this to 0
    [InlineData("0.0000000000000000000000000000001")]
    [InlineData("19.9900000000000000000000000000001")]
    [InlineData("1e400")]
    [InlineData("-0")]
    [InlineData("-0.00")]
    [InlineData("\"19.99\"")]
    [InlineData("null")]
    [InlineData("{}")]
    public void TryParse_UnitPriceBreaksRule_ReportsIt(string unitPrice) =>
        Assert.Equal(
            new ValidationError("/items/0/unitPrice", UnitPriceRule),
            SingleError(Request(items: Items(Item(unitPrice: unitPrice)))));

    [Fact]
    public void TryParse_EmptyItem_ReportsEachRequiredProperty()
    {
        var (_, _, errors) = Parse(Request(items: Items(Item(), "{}")));

        Assert.Equal(
            [
                new ValidationError("/items/1/sku", "is required"),
                new ValidationError("/items/1/quantity", "is required"),
                new ValidationError("/items/1/unitPrice", "is required"),
            ],
            errors);
    }

    [Fact]
    public void LineTotal_IsQuantityTimesUnitPrice() =>
        Assert.Equal(59.97m, new OrderItem("A", 3, 19.99m).LineTotal);

    private static OrderItem ReadItem(string item) => Assert.Single(Valid(Request(items: Items(item))).Items);
}

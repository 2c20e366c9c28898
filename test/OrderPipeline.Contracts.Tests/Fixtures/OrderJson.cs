using System.Text;

namespace OrderPipeline.Contracts.Tests.Fixtures;

/// <summary>
/// Request bodies built from raw JSON fragments, so that a test can put any value, of any type, in any field.
/// </summary>
internal static class OrderJson
{
    public const string Example =
        """{"customerId":"cust-42","currency":"EUR","items":[{"sku":"BOOK-123","quantity":2,"unitPrice":19.99}]}""";

    public static string Request(string customerId = "\"cust-42\"", string currency = "\"EUR\"", string? items = null) =>
        $$"""{"customerId":{{customerId}},"currency":{{currency}},"items":{{items ?? Items(Item())}}}""";

    public static string Item(string sku = "\"BOOK-123\"", string quantity = "2", string unitPrice = "19.99") =>
        $$"""{"sku":{{sku}},"quantity":{{quantity}},"unitPrice":{{unitPrice}}}""";

    public static string Items(params string[] items) => "[" + string.Join(",", items) + "]";

    public static string RepeatedItems(int count) => Items(Enumerable.Repeat(Item(), count).ToArray());

    public static string Quoted(string text) => "\"" + text + "\"";

    public static (bool Valid, OrderRequest? Order, IReadOnlyList<ValidationError> Errors) Parse(string json) =>
        Parse(Encoding.UTF8.GetBytes(json));

    public static (bool Valid, OrderRequest? Order, IReadOnlyList<ValidationError> Errors) Parse(byte[] utf8Json)
    {
        var valid = OrderRequest.TryParse(utf8Json, out var order, out var errors);
        return (valid, order, errors);
    }

    /// <summary>Parses a body expected to break exactly one rule, and returns that error.</summary>
    public static ValidationError SingleError(string json)
    {
        var (valid, order, errors) = Parse(json);
        Assert.False(valid);
        Assert.Null(order);
        return Assert.Single(errors);
    }

    /// <summary>Parses a body expected to be valid, and returns the order.</summary>
    public static OrderRequest Valid(string json)
    {
        var (valid, order, errors) = Parse(json);
        Assert.Empty(errors);
        Assert.True(valid);
        return order!;
    }
}

using System.Text;
using CsCheck;
using OrderPipeline.Contracts.Validation;

namespace OrderPipeline.Contracts.Tests.Fixtures;

/// <summary>CsCheck generators of valid contract values, and of hostile bytes.</summary>
internal static class OrderGenerators
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    public static readonly Gen<string> CustomerId = Text(Upper + Lower + Digits + "_-", 1, 64);
    public static readonly Gen<string> Currency = Gen.OneOf([.. CurrencyCodes.All()]);
    public static readonly Gen<string> Sku = Text(Upper + Digits + "-", 1, 32);

    /// <summary>Whole cents from 0 to 1,000,000.00.</summary>
    public static readonly Gen<decimal> UnitPrice = Gen.Long[0, 100_000_000].Select(cents => cents / 100m);

    public static readonly Gen<OrderItem> Item =
        Gen.Select(Sku, Gen.Int[1, 999], UnitPrice, (sku, quantity, price) => new OrderItem(sku, quantity, price));

    public static readonly Gen<OrderRequest> Request = Gen.Select(
        CustomerId, Currency, Item.Array[1, 50], (customerId, currency, items) => new OrderRequest(customerId, currency, items));

    public static readonly Gen<OrderMessage> Message = Gen.Select(
        Gen.Guid.Where(guid => guid != Guid.Empty),
        Gen.DateTimeOffset,
        Request,
        (guid, acceptedAt, order) => new OrderMessage(new OrderId(guid), acceptedAt, order));

    /// <summary>Valid request bodies with one byte overwritten: near misses reach deep into the parser.</summary>
    public static readonly Gen<byte[]> MutatedRequest = Gen.Select(Request, Gen.UInt, Gen.Byte, (order, position, value) =>
    {
        var bytes = order.ToUtf8Json();
        bytes[(int)(position % (uint)bytes.Length)] = value;
        return bytes;
    });

    /// <summary>Token soup from the contract's vocabulary and JSON's awkward corners: mostly invalid, sometimes not.</summary>
    public static readonly Gen<byte[]> JsonLike = Gen.OneOf(
            "{", "}", "[", "]", ",", ":", " ", "\"", "\\", "\"customerId\"", "\"currency\"", "\"items\"", "\"sku\"",
            "\"quantity\"", "\"unitPrice\"", "\"version\"", "\"orderId\"", "\"acceptedAt\"", "\"order\"", "\"EUR\"",
            "\"A-1\"", "\"\\ud800\"", "\"\\u0041\"", "\"Ｅ\"", "1", "-0", "2.5", "1e400", "1e-400", "19.999", "999",
            "null", "true", "\"2026-11-26T05:13:57.123Z\"", "\"01234567-89ab-7cde-8f01-23456789abcd\"")
        .Array[0, 60]
        .Select(tokens => Encoding.UTF8.GetBytes(string.Concat(tokens)));

    // Name and Scalar must stay above RandomDocument: static fields initialise in the order they are written.
    private static readonly Gen<string> Name = Gen.OneOf(
        "\"customerId\"", "\"currency\"", "\"items\"", "\"sku\"", "\"quantity\"", "\"unitPrice\"", "\"version\"",
        "\"orderId\"", "\"acceptedAt\"", "\"order\"", "\"customer\\u0049d\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\"",
        "\"CustomerId\"");

    private static readonly Gen<string> Scalar = Gen.OneOf(
        "null", "true", "0", "1", "-0", "-0.0", "2.5", "999", "1000", "1e2", "1e400", "1e-400", "19.990", "19.999",
        "1000000.00", "1000000.01", "-0.01", "2147483648", "\"\"", "\"EUR\"", "\"eur\"", "\"\uFF25UR\"", "\"BOOK-1\"",
        "\"cust_42\"", "\"\\ud800\"", "\"\\u0041\"", "\"2026-11-26T05:13:57.123Z\"",
        "\"01234567-89ab-7cde-8f01-23456789abcd\"", "\"01234567-89AB-7CDE-8F01-23456789ABCD\"");

    /// <summary>
    /// Random JSON objects, up to four levels deep, whose names come mostly from the contracts (and their escaped and
    /// broken spellings) and whose values are of every kind: they pass the JSON parser and probe each rule.
    /// </summary>
    public static readonly Gen<byte[]> RandomDocument = Object(4).Select(Encoding.UTF8.GetBytes);

    private static Gen<string> Value(int depth) =>
        depth == 0 ? Scalar : Gen.Frequency((4, Scalar), (1, Array(depth)), (2, Object(depth)));

    private static Gen<string> Array(int depth) =>
        Value(depth - 1).Array[0, 4].Select(values => "[" + string.Join(",", values) + "]");

    private static Gen<string> Object(int depth) =>
        Gen.Select(Name, Value(depth - 1)).Array[0, 6]
            .Select(properties => "{" + string.Join(",", properties.Select(p => p.Item1 + ":" + p.Item2)) + "}");

    private static Gen<string> Text(string characters, int minLength, int maxLength) =>
        Gen.Char[characters].Array[minLength, maxLength].Select(chars => new string(chars));
}

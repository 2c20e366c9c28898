using System.Text;
using CsCheck;

namespace OrderPipeline.Producer.Tests.Fuzz;

/// <summary>
/// CsCheck generators for request bodies of <c>POST /orders</c>, from valid orders to deliberately hostile input:
/// random bytes, deep nesting, odd numbers, odd Unicode, wrong types, duplicate keys and sizes around the 64 KiB limit.
/// </summary>
internal static class HostileBodies
{
    private const int Limit = 64 * 1024;

    private static readonly string[] OddNumbers =
        ["1e400", "-1e400", "-0", "0.0", "1E-400", "-1E-400", "1e-2", "19.999", "1000000.01", "1000000", "-1", "0",
         "999", "1000", "1.0", "2.50", "123456789012345678901234567890", "0.000000000000000000000000000000001",
         "79228162514264337593543950336", "9223372036854775808", "-9223372036854775809", "1e2", "1E+2", "1.5e1"];

    private static readonly string[] OddStrings =
        ["", "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u202eEUR", "\u202e", "😀", "\\\"", "\\\\", "EUR\\u0000",
         "cust\\ud800-1", "cust-1", "BOOK-1", "EUR", "eur", "ÉUR", "\u0301", "A\u200bB", "\t", "a\\nb", "ＥＵＲ"];

    private static readonly string[] WrongValues =
        ["null", "true", "false", "\"x\"", "[]", "{}", "1", "1.5", "\"1\"", "[1]", "{\"a\":1}", "\"\\ud800\""];

    public static readonly Gen<string> ValidOrder = Gen.Select(
        Gen.String[Gen.Char["abcXYZ019_-"], 1, 64],
        Gen.OneOf("EUR", "USD", "JPY"),
        Gen.Select(Gen.String[Gen.Char["ABZ09-"], 1, 32], Gen.Int[1, 999], Gen.Int[0, 100_000_000]).Array[1, 50],
        (customer, currency, items) => Order(
            $"\"{customer}\"",
            $"\"{currency}\"",
            string.Join(',', items.Select(i => Item($"\"{i.Item1}\"", i.Item2.ToString(), Cents(i.Item3))))));

    public static readonly Gen<string> RandomBytesAsText =
        Gen.Byte.Array[0, 300].Select(bytes => Encoding.UTF8.GetString(bytes));

    public static readonly Gen<string> DeepNesting = Gen.Select(
        Gen.Int[1, 10_000], Gen.OneOf("[", "{\"items\":", "{\"a\":["), Gen.Bool,
        (depth, open, closed) => Repeat(open, depth) + (closed ? "1" + Repeat(Closing(open), depth) : ""));

    public static readonly Gen<string> OddNumber = Gen.Select(
        Gen.OneOf(OddNumbers), Gen.OneOf(OddNumbers), Gen.String[Gen.Char["0123456789"], 1, 2000],
        Gen.Int[0, 2],
        (quantity, price, digits, which) => which switch
        {
            0 => Order("\"c-1\"", "\"EUR\"", Item("\"A\"", quantity, price)),
            1 => Order("\"c-1\"", "\"EUR\"", Item("\"A\"", digits, "1")),
            _ => Order("\"c-1\"", "\"EUR\"", Item("\"A\"", "1", "0." + digits)),
        });

    public static readonly Gen<string> OddUnicode = Gen.Select(
        Gen.OneOf(OddStrings), Gen.OneOf(OddStrings), Gen.OneOf(OddStrings),
        (customer, currency, sku) => Order($"\"{customer}\"", $"\"{currency}\"", Item($"\"{sku}\"", "1", "1")));

    public static readonly Gen<string> WrongTypes = Gen.Select(
        Gen.OneOf(WrongValues), Gen.Int[0, 5],
        (wrong, field) => field switch
        {
            0 => Order(wrong, "\"EUR\"", Item("\"A\"", "1", "1")),
            1 => Order("\"c-1\"", wrong, Item("\"A\"", "1", "1")),
            2 => "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":" + wrong + "}",
            3 => Order("\"c-1\"", "\"EUR\"", Item(wrong, "1", "1")),
            4 => Order("\"c-1\"", "\"EUR\"", Item("\"A\"", wrong, "1")),
            _ => Order("\"c-1\"", "\"EUR\"", Item("\"A\"", "1", wrong)),
        });

    public static readonly Gen<string> DuplicateKeys = Gen.OneOf(
        "{\"customerId\":\"c-1\",\"customerId\":\"c-2\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":1}]}",
        "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"currency\":\"USD\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":1}]}",
        "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[],\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":1}]}",
        "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"sku\":\"B\",\"quantity\":1,\"unitPrice\":1}]}",
        "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"quantity\":1000,\"unitPrice\":1}]}");

    /// <summary>A valid order padded with whitespace or an unknown member to a size within 200 bytes of the limit.</summary>
    public static readonly Gen<string> NearLimit = Gen.Select(
        Gen.Int[-200, 200], Gen.Bool,
        (offset, asMember) =>
        {
            var order = Order("\"c-1\"", "\"EUR\"", Item("\"A\"", "1", "1"));
            var padding = Limit + offset - order.Length;
            return asMember
                ? "{\"note\":\"" + new string('x', Math.Max(0, padding - 10)) + "\"," + order[1..]
                : order + new string(' ', Math.Max(0, padding));
        });

    public static readonly Gen<string> Any = Gen.Frequency(
        (3, ValidOrder), (2, RandomBytesAsText), (2, DeepNesting), (3, OddNumber), (3, OddUnicode), (3, WrongTypes),
        (1, DuplicateKeys), (1, NearLimit));

    private static string Order(string customer, string currency, string items) =>
        $"{{\"customerId\":{customer},\"currency\":{currency},\"items\":[{items}]}}";

    private static string Item(string sku, string quantity, string price) =>
        $"{{\"sku\":{sku},\"quantity\":{quantity},\"unitPrice\":{price}}}";

    private static string Cents(int cents) =>
        (cents / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string Closing(string open) => open switch
    {
        "[" => "]",
        "{\"items\":" => "}",
        _ => "]}",
    };
}

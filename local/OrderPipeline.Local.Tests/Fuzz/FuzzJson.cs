using System.Text;
using CsCheck;

namespace OrderPipeline.Local.Tests.Fuzz;

/// <summary>
/// CsCheck generators of request bodies for the local AWS endpoints: random JSON objects whose member names come from
/// the operation's own vocabulary (so that the generated requests reach past the first check), random bytes, and
/// JSON-like text that is broken.
/// </summary>
internal static class FuzzJson
{
    private static readonly string[] Scalars =
        ["null", "true", "false", "0", "-1", "1e400", "-0", "1.5", "99999999999999999999", "\"\"", "\"x\"", "\"\\ud800\"",
         "\"\\u0000\"", "\"😀\"", "\"OrdersTable\"", "\"orders\"", "\"1-5759e988-bd862e3fe1be46a994272793\"", "\"S\"", "\"N\""];

    /// <summary>A JSON object of up to <paramref name="depth"/> levels, member names drawn from <paramref name="names"/>.</summary>
    public static Gen<string> Object(string[] names, int depth = 3) => Gen.Select(
        Gen.OneOf(names).Array[0, 6], Value(names, depth - 1).Array[6],
        (keys, values) => "{" + string.Join(',', keys.Select((key, i) => $"\"{key}\":{values[i]}")) + "}");

    /// <summary>Anything a hostile client might send as a body: objects, random bytes, broken or deep JSON, scalars.</summary>
    public static Gen<byte[]> Body(string[] names) => Gen.Frequency(
        (6, Object(names).Select(Utf8)),
        (2, Gen.Byte.Array[0, 200]),
        (1, Gen.OneOf(Scalars).Select(Utf8)),
        (1, Gen.Select(Object(names), Gen.Int[0, 1000], (json, cut) => json[..Math.Min(cut, json.Length)]).Select(Utf8)),
        (1, Gen.Int[1, 5000].Select(depth => Utf8(new string('[', depth) + new string(']', depth)))));

    private static Gen<string> Value(string[] names, int depth) => depth <= 0
        ? Gen.OneOf(Scalars)
        : Gen.Frequency(
            (4, Gen.OneOf(Scalars)),
            (2, Gen.OneOf(Scalars).Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")),
            (2, Gen.Select(Gen.OneOf(names), Gen.OneOf(Scalars), (key, value) => $"{{\"{key}\":{{\"S\":{value}}}}}")),
            (2, Object(names, depth)));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

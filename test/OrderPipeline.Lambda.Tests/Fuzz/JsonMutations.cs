using System.Text.Json.Nodes;
using CsCheck;

namespace OrderPipeline.Lambda.Tests.Fuzz;

/// <summary>
/// CsCheck generators of mutated UTF-8 JSON documents, as the host receives events: byte-level damage (a deleted,
/// inserted or duplicated run, a truncation, bytes that are not UTF-8) and structural damage (one value anywhere in the
/// tree replaced by a value of another kind, lone surrogates escaped as <c>\u</c>).
/// </summary>
internal static class JsonMutations
{
    private static readonly byte[] Inserts =
        [.. "{}[]\",:0123456789.eE-+ntrufalse\\u\u0000😀 \t"u8, 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF4, 0x90];

    private static readonly Gen<JsonNode?> Replacements = Gen.OneOf(
        Gen.Const<JsonNode?>(() => null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Select(d => (JsonNode?)(double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create("NaN"))),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.OneOf("\ud800", "\udc00x", "\u0000", "\u202e", "😀").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Const<JsonNode?>(() => new JsonArray(JsonValue.Create(1), new JsonObject())),
        Gen.Const<JsonNode?>(() => new JsonObject { ["Records"] = new JsonArray(), ["body"] = 1 }));

    /// <summary>The text with one random edit: delete a run, insert characters, cut the end, or duplicate a run.</summary>
    public static Gen<byte[]> Textual(byte[] json) => Gen.Select(
        Gen.Int[0, json.Length - 1], Gen.Int[1, 40], Gen.OneOf(Inserts).Array[1, 8], Gen.Int[0, 3],
        (at, length, insert, kind) =>
        {
            var count = Math.Min(length, json.Length - at);
            return kind switch
            {
                0 => [.. json[..at], .. json[(at + count)..]],
                1 => [.. json[..at], .. insert, .. json[at..]],
                2 => json[..at],
                _ => [.. json[..(at + count)], .. json[at..]],
            };
        });

    /// <summary>The document with the value at one random position replaced by a generated value of any kind.</summary>
    public static Gen<byte[]> Structural(byte[] json) => Gen.Select(
        Gen.Int[0, int.MaxValue], Replacements,
        (pick, replacement) =>
        {
            var root = JsonNode.Parse(json)!;
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var target = nodes[pick % nodes.Count];
            switch (target.Parent)
            {
                case JsonObject parent:
                    parent[target.GetPropertyName()] = replacement;
                    break;
                case JsonArray array:
                    array[target.GetElementIndex()] = replacement;
                    break;
                default:
                    return Encode(replacement);
            }

            return Encode(root);
        });

    private static byte[] Encode(JsonNode? node) =>
        node is null ? [.. "null"u8] : System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is not null)
            {
                Collect(child, nodes);
            }
        }
    }
}

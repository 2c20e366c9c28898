using System.Text.Json.Serialization;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>Source-generated JSON for the bench's pre-built SQS requests.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

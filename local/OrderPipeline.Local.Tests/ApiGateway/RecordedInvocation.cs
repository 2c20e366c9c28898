using System.Text;
using System.Text.Json.Nodes;

namespace OrderPipeline.Local.Tests.ApiGateway;

internal sealed record RecordedInvocation(string LogicalId, byte[] Payload, string? TraceHeader)
{
    public JsonNode Event => JsonNode.Parse(Encoding.UTF8.GetString(Payload))!;
}

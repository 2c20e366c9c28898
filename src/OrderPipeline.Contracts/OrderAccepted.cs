using System.Text.Json;
using OrderPipeline.Contracts.Json;

namespace OrderPipeline.Contracts;

/// <summary>The body of the 202 answer to <c>POST /orders</c>: <c>{"orderId":"…","status":"accepted"}</c>.</summary>
public sealed record OrderAccepted(OrderId OrderId)
{
    public const string AcceptedStatus = "accepted";

    public string Status { get; } = AcceptedStatus;

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(JsonNames.OrderId, OrderId.Value);
        writer.WriteString(JsonNames.Status, Status);
        writer.WriteEndObject();
    }

    public byte[] ToUtf8Json() => JsonBuffer.ToUtf8(this, static (writer, accepted) => accepted.WriteTo(writer));

    public string ToJson() => JsonBuffer.ToText(this, static (writer, accepted) => accepted.WriteTo(writer));
}

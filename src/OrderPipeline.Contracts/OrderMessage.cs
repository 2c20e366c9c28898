using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using OrderPipeline.Contracts.Json;
using OrderPipeline.Contracts.Validation;

namespace OrderPipeline.Contracts;

/// <summary>
/// The body of a message on the orders queue, version <see cref="CurrentVersion"/>:
/// <c>{"version":1,"orderId":"…","acceptedAt":"2026-11-26T05:13:57.123Z","order":{…}}</c>.
/// <see cref="AcceptedAt"/> is when the producer accepted the order, kept in UTC and cut to whole milliseconds.
/// </summary>
public sealed record OrderMessage(OrderId OrderId, DateTimeOffset AcceptedAt, OrderRequest Order)
{
    /// <summary>The version this code writes, and the only one it reads.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; } = CurrentVersion;

    // Held at the precision of the wire, so that a message equals what a reader makes of it.
    public DateTimeOffset AcceptedAt { get; init => field = UtcTimestamp.ToWirePrecision(value); } =
        UtcTimestamp.ToWirePrecision(AcceptedAt);

    /// <summary>
    /// Reads and validates a message body. Never throws. A missing or unsupported version is the only error reported,
    /// since the rest of the body cannot be read without it. Otherwise every broken rule is reported: the orderId must
    /// be strict (<see cref="OrderId.TryParse(string?, out OrderId)"/>), acceptedAt of the written form, and the order
    /// passes the same rules as <see cref="OrderRequest.TryParse"/>, with pointers under <c>/order</c>.
    /// Unknown properties are ignored.
    /// </summary>
    /// <param name="utf8Json">The body as UTF-8 JSON.</param>
    /// <param name="message">The message when the body is valid.</param>
    /// <param name="errors">Every broken rule when the body is invalid; empty otherwise.</param>
    public static bool TryParse(
        ReadOnlyMemory<byte> utf8Json,
        [NotNullWhen(true)] out OrderMessage? message,
        out IReadOnlyList<ValidationError> errors)
    {
        var found = new List<ValidationError>();
        message = null;
        if (JsonBody.TryParse(utf8Json, found) is { } document)
        {
            using (document)
            {
                message = OrderMessageValidator.Validate(document.RootElement, found);
            }
        }

        errors = found;
        return message is not null;
    }

    /// <summary>
    /// Reads and validates a message body given as text, such as an SQS record's body; null reads as an empty body.
    /// Never throws. See <see cref="TryParse(ReadOnlyMemory{byte}, out OrderMessage?, out IReadOnlyList{ValidationError})"/>.
    /// </summary>
    public static bool TryParse(
        string? json,
        [NotNullWhen(true)] out OrderMessage? message,
        out IReadOnlyList<ValidationError> errors) =>
        TryParse(Encoding.UTF8.GetBytes(json ?? string.Empty), out message, out errors);

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber(JsonNames.Version, Version);
        writer.WriteString(JsonNames.OrderId, OrderId.Value);
        UtcTimestamp.Write(writer, JsonNames.AcceptedAt, AcceptedAt);
        writer.WritePropertyName(JsonNames.Order);
        Order.WriteTo(writer);
        writer.WriteEndObject();
    }

    public byte[] ToUtf8Json() => JsonBuffer.ToUtf8(this, static (writer, message) => message.WriteTo(writer));

    /// <summary>The message as compact JSON text, e.g. an SQS message body.</summary>
    public string ToJson() => JsonBuffer.ToText(this, static (writer, message) => message.WriteTo(writer));
}

using System.Text;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// Who watches an <see cref="SqsService"/>: each handler, when set, is called on the request's thread, so it must be
/// thread-safe and must not throw. Handlers of two watchers combine with <see cref="Combine"/>, in order.
/// </summary>
public sealed class SqsEvents
{
    /// <summary>Every request, before it is answered, including those answered with an error.</summary>
    public Action<SqsRequest>? RequestReceived { get; init; }

    /// <summary>Every message accepted by SendMessage or SendMessageBatch, before it is queued.</summary>
    public Action<SqsSentMessage>? MessageAccepted { get; init; }

    /// <summary>The handlers of <paramref name="first"/>, then those of <paramref name="second"/>; either may be null.</summary>
    public static SqsEvents? Combine(SqsEvents? first, SqsEvents? second) =>
        first is null ? second
        : second is null ? first
        : new SqsEvents
        {
            RequestReceived = first.RequestReceived + second.RequestReceived,
            MessageAccepted = first.MessageAccepted + second.MessageAccepted,
        };
}

/// <summary>
/// One HTTP request exactly as <see cref="SqsService"/> received it, whether it was answered with success or an error.
/// <see cref="Operation"/> is the part of <c>X-Amz-Target</c> after <c>AmazonSQS.</c> (null when the header is absent
/// or names another service), or for a query protocol request its <c>Action</c> parameter; <see cref="Headers"/> holds every request header, keyed case-insensitively, repeated
/// headers joined with commas; <see cref="Body"/> is the raw request body.
/// </summary>
public sealed record SqsRequest(
    string? Operation,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

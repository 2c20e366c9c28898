namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// A message SQS accepted on <paramref name="QueueName"/>, with the <c>orderId</c> its body names and the digest of
/// the order it carries (<c>OrderRequest.Digest</c>; null when the body is not a valid order message).
/// </summary>
internal sealed record OrderMessageSent(string QueueName, string MessageId, string? OrderId, string? OrderDigest = null);

namespace OrderPipeline.Local.Trial;

/// <summary>A message SQS accepted on <paramref name="QueueName"/>, with the <c>orderId</c> its body names (null if none).</summary>
internal sealed record OrderMessageSent(string QueueName, string MessageId, string? OrderId);

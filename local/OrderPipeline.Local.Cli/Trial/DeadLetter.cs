namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// A message found in the dead-letter queue, with the <c>orderId</c> its body names (null if none) and why its
/// deliveries failed (empty when no reason could be found).
/// </summary>
internal sealed record DeadLetter(string MessageId, string? OrderId, IReadOnlyList<string> Reasons);

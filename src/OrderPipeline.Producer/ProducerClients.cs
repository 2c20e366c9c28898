using Amazon.DynamoDBv2;
using Amazon.SQS;

namespace OrderPipeline.Producer;

/// <summary>
/// The time budget of the producer's AWS clients, set here in code on purpose (<c>AWS_MAX_ATTEMPTS</c> would change it
/// from outside, and is overridden). The function's Timeout is 10 s (template.yaml) and the handler's token fires 0.5 s
/// before the deadline. A request makes at most three calls: claim the Idempotency-Key (DynamoDB), SendMessage (SQS),
/// settle the key (DynamoDB). Each client makes 2 attempts; the SDK's standard retry mode waits a random 0–1 s before
/// the second (measured here: 0.3–2.4 s for two retries, so about 1 s for one). Worst case, every attempt timing out:
/// claim 2 × 1 s + 1 s, send 2 × 1.5 s + 1 s: 7 s, well inside 9.5 s. The settling write runs on what is left (at
/// least 2.5 s, bounded by the deadline: SubmitOrderHandler.SettleAsync); if it is cut short, the key stays locked
/// until this invocation's deadline and no more. The per-attempt time-outs are about a hundred times both services'
/// usual latency inside a region, so a time-out means a lost connection, not a slow service.
/// </summary>
internal static class ProducerClients
{
    /// <summary>Each SendMessage attempt ends after at most this.</summary>
    public static readonly TimeSpan SqsAttemptTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Each Idempotency-Key write attempt ends after at most this.</summary>
    public static readonly TimeSpan DynamoDbAttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Retries after the first attempt, for both clients.</summary>
    public const int MaxErrorRetry = 1;

    public static AmazonSQSConfig SqsConfig() => new() { Timeout = SqsAttemptTimeout, MaxErrorRetry = MaxErrorRetry };

    public static AmazonDynamoDBConfig DynamoDbConfig() => new() { Timeout = DynamoDbAttemptTimeout, MaxErrorRetry = MaxErrorRetry };
}

using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// What one SQS event source mapping runs: the function it invokes, the template's <c>SQS</c> event (batch size,
/// batching window in seconds, response types, <c>ScalingConfig.MaximumConcurrency</c>) and the queue's URL.
/// <paramref name="WaitTimeSeconds"/> is the long poll of each receive: Lambda's 20 unless a test needs a shorter one
/// (the local endpoint answers a long poll when a message arrives, but not when one becomes visible again).
/// </summary>
internal sealed record SqsEventSourceMappingSettings(
    string FunctionLogicalId, SqsEventSource Source, string QueueUrl, int WaitTimeSeconds = SqsEventSourceMappingSettings.LongPollSeconds)
{
    /// <summary>Lambda's pollers' <c>WaitTimeSeconds</c>, the longest SQS allows.</summary>
    public const int LongPollSeconds = 20;

    /// <summary>The concurrency limit when the template sets no <c>ScalingConfig</c>: a laptop's share of Lambda's.</summary>
    public const int DefaultMaximumConcurrency = 5;

    private const int MaxBatchSize = 10_000;
    private const int MaxBatchingWindowSeconds = 300;
    private const int MaxReceiveBatch = 10;
    private const int MinMaximumConcurrency = 2;
    private const int MaxMaximumConcurrency = 1_000;

    /// <summary>Pollers at most: <c>ScalingConfig.MaximumConcurrency</c>, or <see cref="DefaultMaximumConcurrency"/>.</summary>
    public int MaximumConcurrency => Source.MaximumConcurrency ?? DefaultMaximumConcurrency;

    /// <summary>The queue's region, from its ARN (<c>arn:aws:sqs:&lt;region&gt;:&lt;account&gt;:&lt;name&gt;</c>).</summary>
    public string Region => Source.Queue.Split(':') is [_, _, "sqs", var region, _, _] ? region : string.Empty;

    /// <summary>Refuses what Lambda's CreateEventSourceMapping refuses, naming the property.</summary>
    /// <exception cref="TemplateException">A value is out of Lambda's range, or the queue is not an SQS ARN.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(FunctionLogicalId);
        ArgumentException.ThrowIfNullOrEmpty(QueueUrl);
        ArgumentNullException.ThrowIfNull(Source);
        Require(WaitTimeSeconds is >= 1 and <= LongPollSeconds, $"WaitTimeSeconds must be between 1 and {LongPollSeconds}.");
        Require(Region.Length > 0, $"Queue {Source.Queue} is not an SQS queue ARN.");
        Require(Source.BatchSize is >= 1 and <= MaxBatchSize, $"BatchSize must be between 1 and {MaxBatchSize}.");
        Require(
            Source.MaximumBatchingWindowInSeconds is >= 0 and <= MaxBatchingWindowSeconds,
            $"MaximumBatchingWindowInSeconds must be between 0 and {MaxBatchingWindowSeconds}.");
        Require(
            Source.BatchSize <= MaxReceiveBatch || Source.MaximumBatchingWindowInSeconds >= 1,
            $"MaximumBatchingWindowInSeconds must be at least 1 when BatchSize is greater than {MaxReceiveBatch}.");
        Require(
            MaximumConcurrency is >= MinMaximumConcurrency and <= MaxMaximumConcurrency,
            $"ScalingConfig.MaximumConcurrency must be between {MinMaximumConcurrency} and {MaxMaximumConcurrency}.");
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new TemplateException($"SQS event {Source.Name} of {FunctionLogicalId}: {message}");
        }
    }
}

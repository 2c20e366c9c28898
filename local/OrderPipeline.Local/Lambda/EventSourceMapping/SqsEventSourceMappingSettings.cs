using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// One SQS event source mapping, as the template's <c>SQS</c> event of a function sets it: <paramref name="Queue"/> is
/// the resolved queue ARN; the batching window is in seconds; <paramref name="MaximumConcurrency"/> is
/// <c>ScalingConfig.MaximumConcurrency</c>, or <see cref="DefaultMaximumConcurrency"/> when the template is silent.
/// The template reader fills these; the stack adds <see cref="QueueUrl"/>, where the queue is served.
/// </summary>
/// <param name="FunctionLogicalId">The function the mapping invokes.</param>
/// <param name="Name">The event's name in the function's <c>Events</c>.</param>
/// <param name="Queue">The queue's ARN.</param>
/// <param name="BatchSize">Records per invocation at most.</param>
/// <param name="MaximumBatchingWindowInSeconds">How long a poller gathers records before it invokes; 0 for not at all.</param>
/// <param name="FunctionResponseTypes"><c>ReportBatchItemFailures</c>, or nothing.</param>
/// <param name="MaximumConcurrency">Pollers at most.</param>
/// <param name="Enabled">False when the event says <c>Enabled: false</c>: the mapping exists but its start polls
/// nothing, so the queue's messages wait, as in a disabled mapping.</param>
/// <param name="Filter">The event's <c>FilterCriteria</c>; null for none (every record is sent).</param>
internal sealed record SqsEventSourceMappingSettings(
    string FunctionLogicalId,
    string Name,
    string Queue,
    int BatchSize,
    int MaximumBatchingWindowInSeconds,
    IReadOnlyList<string> FunctionResponseTypes,
    int MaximumConcurrency,
    bool Enabled = true,
    SqsEventFilter? Filter = null)
{
    public const string ReportBatchItemFailures = "ReportBatchItemFailures";

    /// <summary>
    /// Lambda's quota for a synchronous invocation's request, in bytes (6 MB):
    /// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
    /// </summary>
    public const int MaxSynchronousPayloadBytes = 6_291_456;

    /// <summary>Lambda's pollers' <c>WaitTimeSeconds</c>, the longest SQS allows.</summary>
    public const int LongPollSeconds = 20;

    /// <summary>
    /// "Lambda starts processing five batches at a time with five concurrent invocations of your function"
    /// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html).
    /// </summary>
    public const int LambdaInitialPollers = 5;

    /// <summary>The concurrency limit when the template sets no <c>ScalingConfig</c>: a laptop's share of Lambda's.</summary>
    public const int DefaultMaximumConcurrency = 5;

    private const int MaxBatchSize = 10_000;
    private const int MaxBatchingWindowSeconds = 300;
    private const int MaxReceiveBatch = 10;
    private const int MinMaximumConcurrency = 2;
    private const int MaxMaximumConcurrency = 1_000;

    /// <summary>
    /// The name the mapping invokes the function by (its name in the account, which CloudFormation generates unless
    /// the template gives <c>FunctionName</c>); the logical id until the stack binds the mapping.
    /// </summary>
    public string FunctionName
    {
        get => field ?? FunctionLogicalId;
        init;
    }

    /// <summary>The queue's URL on the local SQS endpoint; empty until the stack binds the mapping to it.</summary>
    public string QueueUrl { get; init; } = string.Empty;

    /// <summary>
    /// The long poll of each receive: Lambda's 20 unless a test needs a shorter one (the local endpoint answers a long
    /// poll when a message arrives, but not when one becomes visible again).
    /// </summary>
    public int WaitTimeSeconds { get; init; } = LongPollSeconds;

    /// <summary>
    /// The pollers the mapping starts with and keeps while the queue is quiet (fewer when
    /// <see cref="MaximumConcurrency"/> is lower): Lambda's five unless a test follows a single poller.
    /// </summary>
    public int InitialPollers { get; init; } = LambdaInitialPollers;

    public bool ReportsBatchItemFailures => FunctionResponseTypes.Contains(ReportBatchItemFailures, StringComparer.Ordinal);

    /// <summary>The queue's region, from its ARN (<c>arn:aws:sqs:&lt;region&gt;:&lt;account&gt;:&lt;name&gt;</c>).</summary>
    public string Region => Queue.Split(':') is [_, _, "sqs", var region, _, _] ? region : string.Empty;

    /// <summary>Refuses what Lambda's CreateEventSourceMapping refuses, naming the property.</summary>
    /// <exception cref="TemplateException">A value is out of Lambda's range, or the queue is not an SQS ARN.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(FunctionLogicalId);
        ArgumentException.ThrowIfNullOrEmpty(QueueUrl);
        Require(WaitTimeSeconds is >= 1 and <= LongPollSeconds, $"WaitTimeSeconds must be between 1 and {LongPollSeconds}.");
        Require(Region.Length > 0, $"Queue {Queue} is not an SQS queue ARN.");
        Require(InitialPollers >= 1, "InitialPollers must be at least 1.");
        Require(BatchSize is >= 1 and <= MaxBatchSize, $"BatchSize must be between 1 and {MaxBatchSize}.");
        Require(
            MaximumBatchingWindowInSeconds is >= 0 and <= MaxBatchingWindowSeconds,
            $"MaximumBatchingWindowInSeconds must be between 0 and {MaxBatchingWindowSeconds}.");
        Require(
            BatchSize <= MaxReceiveBatch || MaximumBatchingWindowInSeconds >= 1,
            $"MaximumBatchingWindowInSeconds must be at least 1 when BatchSize is greater than {MaxReceiveBatch}.");
        Require(
            FunctionResponseTypes.All(type => type == ReportBatchItemFailures),
            $"FunctionResponseTypes may hold only {ReportBatchItemFailures}.");
        Require(
            MaximumConcurrency is >= MinMaximumConcurrency and <= MaxMaximumConcurrency,
            $"ScalingConfig.MaximumConcurrency must be between {MinMaximumConcurrency} and {MaxMaximumConcurrency}.");
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new TemplateException($"SQS event {Name} of {FunctionLogicalId}: {message}");
        }
    }
}

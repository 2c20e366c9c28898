using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// <c>trial</c>: starts the stack with SQS and DynamoDB faults, submits the orders at the set concurrency (resending
/// some with the same key, and after each 5xx or 409, and reusing some keys for other orders) while killing consumer
/// instances mid-batch, waits until the orders queue
/// has drained (or the time-out), then reads the table and the dead-letter queue and reconciles.
/// </summary>
internal static class TrialRunner
{
    private const string SendMessage = "SendMessage";
    private const string PutItem = "PutItem";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxResendDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>How long the trace store must stay quiet before the reasons of dead letters are read from it.</summary>
    private static readonly TimeSpan TracesQuiet = TimeSpan.FromSeconds(1);

    public static async Task<TrialReport> ExecuteAsync(TrialOptions options, StackEvents progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var faults = options.Faults;
        var stackOptions = options.Stack with
        {
            SqsFaults = new SqsFaultRates(
                faults.SendFailureShare, faults.SendThrottleShare, options.Seed, new HashSet<string>([SendMessage]), faults.DuplicateDeliveryShare),
            // The consumer's writes to the orders table: the producer's Idempotency-Key writes meet only the faults their
            // own tests script, so that a share of 1 still lets orders in and fails every store.
            DynamoDbFaults = new DynamoDbFaultRates(
                faults.PutItemFailureShare, 0, options.Seed + 1, new HashSet<string>([PutItem]), new HashSet<string>([TrialTargets.OrdersTableName(options.Stack)])),
        };
        var recorder = new TrialRecorder();
        var clock = Stopwatch.StartNew();
        await using var stack = await EmulatedStack.StartAsync(
            stackOptions,
            progress with
            {
                Sqs = new SqsEvents { MessageAccepted = recorder.MessageAccepted },
                DynamoDb = new DynamoDbEvents { ItemChanged = recorder.ItemChanged },
                BatchCompleted = progress.BatchCompleted + recorder.BatchCompleted,
            },
            cancellationToken).ConfigureAwait(false);
        var startUp = clock.Elapsed;
        clock.Restart();
        var targets = TrialTargets.Find(stack);
        foreach (var line in stack.DescribeSampling())
        {
            progress.Status(line);
        }
        var credentials = new BasicAWSCredentials("local", "local");
        using var sqs = new AmazonSQSClient(
            credentials, new AmazonSQSConfig { ServiceURL = stack.Sqs.ServiceUrl, AuthenticationRegion = stack.Account.Region });
        using var dynamoDb = new AmazonDynamoDBClient(
            credentials, new AmazonDynamoDBConfig { ServiceURL = stack.DynamoDb.ServiceUrl, AuthenticationRegion = stack.Account.Region });
        var queues = new TrialQueues(sqs);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        progress.Status(string.Create(CultureInfo.InvariantCulture, $"Submitting {options.Orders} orders to {targets.OrdersUrl} at concurrency {options.Concurrency}, seed {options.Seed}"));
        var submitted = 0;
        var killer = new ConsumerKiller(
            stack.Lambda.GetFunction(targets.ConsumerName), faults.ConsumerKills, options.Orders, () => Volatile.Read(ref submitted));
        using var stopKilling = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var killing = killer.RunAsync(stopKilling.Token);

        var settled = false;
        var submitting = new TrialSubmission?[options.Orders];
        try
        {
            await SubmitAsync(stack, options, targets, submitting, () => Interlocked.Increment(ref submitted), deadline.Token).ConfigureAwait(false);
            progress.Status($"Submitted; waiting for {targets.QueueName} to drain");
            settled = await DrainAsync(queues, targets, progress, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            progress.Problem($"The trial timed out after {options.Timeout}");
        }

        await stopKilling.CancelAsync().ConfigureAwait(false);
        await killing.ConfigureAwait(false);
        var running = clock.Elapsed;
        IReadOnlyList<TrialSubmission> submissions = [.. submitting.OfType<TrialSubmission>()];

        var letters = await queues.ReadAllAsync(targets.DeadLetterQueueUrl, cancellationToken).ConfigureAwait(false);
        if (letters.Count > 0)
        {
            await WaitForQuietTracesAsync(stack, cancellationToken).ConfigureAwait(false);
        }

        var failures = recorder.Failures;
        var evidence = new TrialEvidence(
            submissions,
            [.. recorder.Sent.Where(sent => sent.QueueName == targets.QueueName)],
            [.. recorder.Writes.Where(write => write.TableName == targets.TableName)],
            await new OrdersTable(dynamoDb, targets.TableName).OrderIdsAsync(cancellationToken).ConfigureAwait(false),
            [.. letters.Select(letter => new DeadLetter(
                letter.MessageId, OrderIdReader.FromBody(letter.Body), FailureReasons.For(letter.MessageId, failures, stack.Traces)))],
            TrialFaultCounts.From(
                stack.Sqs.Service.InjectedFaults(), stack.DynamoDb.Service.InjectedFaults(), killer.Killed, submissions),
            settled);
        return TrialReconciler.Reconcile(evidence) with
        {
            StartUp = startUp,
            Running = running,
            Limits = StackLimits.Describe(stack, stackOptions),
        };
    }

    /// <summary>Fills <paramref name="submissions"/> as orders complete, so a time-out keeps those done.</summary>
    private static async Task SubmitAsync(
        EmulatedStack stack,
        TrialOptions options,
        TrialTargets targets,
        TrialSubmission?[] submissions,
        Action submittedOne,
        CancellationToken cancellationToken)
    {
        var orders = TrialOrders.Create(options.Orders, options.Seed);
        // Decided up front from the seed, so that the same seed resends the same orders whatever the scheduling.
#pragma warning disable CA5394 // Seeded on purpose.
        var plan = new Random(options.Seed + 2);
        var resends = orders.Select(_ => plan.NextDouble() < options.Faults.ClientResendShare
            ? TimeSpan.FromMilliseconds(plan.NextDouble() * MaxResendDelay.TotalMilliseconds)
            : (TimeSpan?)null).ToList();
        var reuses = orders.Select(_ => plan.NextDouble() < options.Faults.KeyReuseShare).ToList();
#pragma warning restore CA5394
        using var http = stack.CreateApiClient(TimeSpan.FromSeconds(60));
        var client = new TrialClient(http, targets.OrdersUrl, options.Faults.ClientAttempts);
        await Parallel.ForAsync(
            0,
            orders.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                submissions[index] = await client.SubmitAsync(orders[index], resends[index], reuses[index], token).ConfigureAwait(false);
                submittedOne();
            }).ConfigureAwait(false);
    }

    /// <summary>True once the orders queue holds nothing, visible, in flight or delayed: nothing more can happen.</summary>
    private static async Task<bool> DrainAsync(
        TrialQueues queues, TrialTargets targets, StackEvents progress, CancellationToken cancellationToken)
    {
        var last = -1;
        while (true)
        {
            var depth = await queues.DepthAsync(targets.QueueUrl, cancellationToken).ConfigureAwait(false);
            if (depth == 0)
            {
                return true;
            }

            if (depth != last)
            {
                progress.Status(string.Create(CultureInfo.InvariantCulture, $"{depth} message(s) left in {targets.QueueName}"));
                last = depth;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Segments come by UDP after the invocation: wait until none has arrived for a moment (ten at most).</summary>
    private static async Task WaitForQuietTracesAsync(EmulatedStack stack, CancellationToken cancellationToken)
    {
        var count = -1;
        for (var round = 0; round < 10 && stack.Traces.SegmentCount != count; round++)
        {
            count = stack.Traces.SegmentCount;
            await Task.Delay(TracesQuiet, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>What <c>trial</c> runs.</summary>
/// <param name="Stack">The stack to start (free ports, traces in memory, a short visibility timeout); the trial adds
/// its SQS and DynamoDB faults to it.</param>
/// <param name="Orders">How many orders to submit, each with its own Idempotency-Key.</param>
/// <param name="Concurrency">How many orders are in flight at once.</param>
/// <param name="Seed">Seeds the orders, the injected faults and the client's choices, so a run can be repeated (as far
/// as the scheduling of threads and processes allows).</param>
/// <param name="Timeout">How long submitting and settling may take, after the stack has started.</param>
/// <param name="Faults">What to inject.</param>
internal sealed record TrialOptions(
    StackOptions Stack, int Orders, int Concurrency, int Seed, TimeSpan Timeout, TrialFaults Faults);

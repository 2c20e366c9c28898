using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Cli;

/// <summary>
/// <c>demo</c>: starts the stack, sends one invalid request, puts one poison message on the queue that the template's
/// SQS event source polls, sends the sample orders, waits for everything to settle, and checks the outcome. Everything
/// application-specific comes from the template and the sample event files.
/// </summary>
internal static class DemoRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<DemoReport> ExecuteAsync(
        DemoOptions options, StackEvents progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var order = SampleRequest.Load(options.OrderEventPath);
        var invalid = SampleRequest.Load(options.InvalidEventPath);
        var clock = Stopwatch.StartNew();
        await using var stack = await EmulatedStack.StartAsync(options.Stack, progress, cancellationToken).ConfigureAwait(false);
        var startUp = clock.Elapsed;
        foreach (var line in stack.DescribeSampling())
        {
            progress.Status(line);
        }
        var (queue, deadLetterQueue) = PolledQueues(stack);
        using var http = stack.CreateApiClient(TimeSpan.FromSeconds(60));
        using var sqs = new AmazonSQSClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonSQSConfig { ServiceURL = stack.Sqs.ServiceUrl, AuthenticationRegion = stack.Account.Region });
        var queueUrl = stack.Account.QueueUrl(queue.Name);
        var deadLetterUrl = stack.Account.QueueUrl(deadLetterQueue.Name);
        var checks = new List<RunCheck>();

        clock.Restart();
        progress.Status($"Sending 1 invalid request, 1 poison message to {queue.LogicalId} and {options.Orders} orders");
        var acceptedBefore = stack.Sqs.MessagesAccepted;
        var refused = await SendAsync(http, UrlFor(stack, invalid), invalid, "invalid", cancellationToken).ConfigureAwait(false);
        var enqueuedByInvalid = stack.Sqs.MessagesAccepted - acceptedBefore;
        checks.Add(new RunCheck(
            "the invalid request got 400 and enqueued nothing",
            refused.Status == 400 && enqueuedByInvalid == 0,
            $"HTTP {refused.Status}, {enqueuedByInvalid} message(s) enqueued"));

        var poison = await sqs.SendMessageAsync(
            new SendMessageRequest { QueueUrl = queueUrl, MessageBody = DemoOptions.PoisonBody }, cancellationToken).ConfigureAwait(false);
        var ordersClock = Stopwatch.StartNew();
        var orders = await SendOrdersAsync(http, UrlFor(stack, order), order, options, cancellationToken).ConfigureAwait(false);
        var submitting = clock.Elapsed;
        var ordersSubmitted = ordersClock.Elapsed;

        clock.Restart();
        var accepted = orders.Where(request => request.Accepted).ToList();
        checks.Add(new RunCheck(
            "every order was accepted",
            accepted.Count == options.Orders && accepted.All(request => request.TraceId is not null),
            $"{accepted.Count} of {options.Orders} answered 2xx with a trace id"));
        var settled = await WaitForSettleAsync(
            stack, sqs, queueUrl, deadLetterUrl, accepted, options, progress, ordersClock, cancellationToken).ConfigureAwait(false);
        var settling = clock.Elapsed;

        var links = TraceLinks.Index(stack.Traces);
        var linked = accepted.Count(request => links.ContainsKey(request.TraceId!));
        checks.Add(new RunCheck(
            $"every accepted order was processed ({queue.LogicalId} drained)",
            settled.QueueEmpty,
            settled.QueueEmpty ? "queue empty" : $"{settled.QueueDepth} message(s) still in {queue.LogicalId}"));
        var deadLetters = await PeekAsync(sqs, deadLetterUrl, cancellationToken).ConfigureAwait(false);
        checks.Add(new RunCheck(
            $"the poison message ended in {deadLetterQueue.LogicalId}",
            deadLetters.Count == 1 && deadLetters[0].MessageId == poison.MessageId,
            $"{deadLetterQueue.LogicalId} holds {deadLetters.Count} message(s)"
            + (deadLetters.Any(message => message.MessageId == poison.MessageId) ? ", the poison message among them" : "")));
        checks.Add(new RunCheck(
            "every consumer trace is linked to its producer trace",
            linked == accepted.Count && accepted.Count > 0,
            $"{linked} of {accepted.Count} producer traces linked"));
        return new DemoReport(
            [refused, .. orders],
            poison.MessageId,
            links,
            checks,
            stack.Traces,
            startUp,
            submitting,
            settling,
            new DemoThroughput(accepted.Count, ordersSubmitted, settled.AllLinkedAfter));
    }

    private static (QueueDefinition Queue, QueueDefinition DeadLetterQueue) PolledQueues(EmulatedStack stack)
    {
        var source = stack.Template.Functions.SelectMany(function => function.SqsEvents).FirstOrDefault()
            ?? throw new TemplateException("The demo needs a function with an SQS event; the template has none.");
        var queue = stack.Template.QueueWithArn(source.Queue, stack.Account);
        var deadLetterArn = queue.RedrivePolicy?.DeadLetterTargetArn
            ?? throw new TemplateException($"The demo needs a RedrivePolicy on {queue.LogicalId}.");
        var deadLetterQueue = stack.Template.QueueWithArn(deadLetterArn, stack.Account);
        return (queue, deadLetterQueue);
    }

    private static Uri UrlFor(EmulatedStack stack, SampleRequest request)
    {
        var route = stack.Template.Functions
            .SelectMany(function => function.ApiEvents)
            .FirstOrDefault(source => source.Path == request.Path
                && (source.Method == "ANY" || string.Equals(source.Method, request.Method, StringComparison.OrdinalIgnoreCase)))
            ?? throw new TemplateException($"No Api event of the template serves {request.Method} {request.Path}.");
        return new Uri(stack.RouteUrl(route));
    }

    private static async Task<List<DemoRequest>> SendOrdersAsync(
        HttpClient http, Uri url, SampleRequest order, DemoOptions options, CancellationToken cancellationToken)
    {
        var results = new DemoRequest[options.Orders];
        await Parallel.ForAsync(
            0,
            options.Orders,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await SendAsync(http, url, order, "order", token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return [.. results];
    }

    private static async Task<DemoRequest> SendAsync(
        HttpClient http, Uri url, SampleRequest sample, string kind, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = sample.ToHttpRequest(url);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var traceId = response.Headers.TryGetValues("X-Amzn-Trace-Id", out var values)
            && TraceHeader.TryParse(values.First(), out var header) ? header!.Root : null;
        return new DemoRequest(kind, (int)response.StatusCode, body, traceId, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<SettleState> WaitForSettleAsync(
        EmulatedStack stack,
        AmazonSQSClient sqs,
        string queueUrl,
        string deadLetterUrl,
        List<DemoRequest> accepted,
        DemoOptions options,
        StackEvents progress,
        Stopwatch ordersClock,
        CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + options.SettleTimeout;
        var last = "";
        TimeSpan? allLinkedAfter = null;
        while (true)
        {
            var depth = await DepthAsync(sqs, queueUrl, cancellationToken).ConfigureAwait(false);
            var deadLetters = await DepthAsync(sqs, deadLetterUrl, cancellationToken).ConfigureAwait(false);
            var links = TraceLinks.Index(stack.Traces);
            var linked = accepted.Count(request => links.ContainsKey(request.TraceId!));
            if (linked == accepted.Count)
            {
                allLinkedAfter ??= ordersClock.Elapsed;
            }

            var state = new SettleState(depth, deadLetters, linked, allLinkedAfter);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"Waiting: {linked} of {accepted.Count} orders linked to a consumer trace, {depth} message(s) in the queue, {deadLetters} in the dead-letter queue");
            if (line != last)
            {
                progress.Status(line);
                last = line;
            }

            if ((state.QueueEmpty && deadLetters >= 1 && linked == accepted.Count) || DateTimeOffset.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> DepthAsync(AmazonSQSClient sqs, string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest
            {
                QueueUrl = queueUrl,
                AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
            },
            cancellationToken).ConfigureAwait(false);
        return attributes.ApproximateNumberOfMessages
            + attributes.ApproximateNumberOfMessagesNotVisible
            + attributes.ApproximateNumberOfMessagesDelayed;
    }

    private static async Task<List<Message>> PeekAsync(AmazonSQSClient sqs, string queueUrl, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                VisibilityTimeout = 0,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Messages ?? [];
    }

    private sealed record SettleState(int QueueDepth, int DeadLetters, int Linked, TimeSpan? AllLinkedAfter)
    {
        public bool QueueEmpty => QueueDepth == 0;
    }
}

/// <summary>What <c>demo</c> runs.</summary>
/// <param name="Stack">The stack to start (free ports, traces in memory, short visibility timeout).</param>
/// <param name="Orders">How many sample orders to submit.</param>
/// <param name="OrderEventPath">An API Gateway event holding a valid request (events/api-post-order.json).</param>
/// <param name="InvalidEventPath">An API Gateway event holding a request the API must refuse with 400.</param>
/// <param name="Concurrency">How many requests are in flight at once.</param>
/// <param name="SettleTimeout">How long to wait, after the last request, for the queues to drain and the traces to link.</param>
internal sealed record DemoOptions(
    StackOptions Stack,
    int Orders,
    string OrderEventPath,
    string InvalidEventPath,
    int Concurrency,
    TimeSpan SettleTimeout)
{
    /// <summary>The body of the message put straight on the queue: not an order, so every delivery fails.</summary>
    public const string PoisonBody = "this is not an order: the demo's poison message";
}

/// <summary>One request the demo sent through API Gateway, and what came back.</summary>
/// <param name="Kind">"order" or "invalid".</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The response body.</param>
/// <param name="TraceId">The Root of the response's <c>X-Amzn-Trace-Id</c>, null when API Gateway sent none.</param>
/// <param name="Latency">From sending to the whole response.</param>
internal sealed record DemoRequest(string Kind, int Status, string Body, string? TraceId, TimeSpan Latency)
{
    public bool Accepted => Status is >= 200 and < 300;
}

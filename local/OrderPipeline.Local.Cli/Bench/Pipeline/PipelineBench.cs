using System.Diagnostics;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Cli.Bench.Pipeline;

/// <summary>
/// Starts the whole local stack, warms it with as many orders as the concurrency (not counted), then submits the
/// orders through API Gateway and waits until every accepted one is processed, measuring throughput, latency and the
/// CPU each part spent (<see cref="PipelineCpuMeter"/>).
/// </summary>
internal static class PipelineBench
{
    /// <summary>
    /// The bench measures the pipeline, not the stage's throttling: it raises the template's limits to the account's own
    /// (API Gateway: 10,000 requests a second, a burst of 5,000), as a team would for a load test, through the template's
    /// parameters. What the command line gives wins.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RaisedLimits = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ApiThrottlingRateLimit"] = "10000",
        ["ApiThrottlingBurstLimit"] = "5000",
    };

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<PipelineResult> RunAsync(BenchOptions options, StackEvents progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var sample = SampleRequest.Load(options.ApiEventPath);
        var template = TemplateReader.Load(options.TemplatePath, new LocalAccount("http://127.0.0.1"));
        await BenchBuilds.BuildAsync(options, template, options.PipelineMode, progress, cancellationToken).ConfigureAwait(false);
        using var attribution = new CpuAttribution();
        var stackOptions = BenchBuilds.StackOptionsFor(options, options.PipelineMode, options.Concurrency, attribution.Enter);
        stackOptions = stackOptions with { ParameterOverrides = WithRaisedLimits(stackOptions.ParameterOverrides, template) };
        await using var stack = await EmulatedStack.StartAsync(stackOptions, progress, cancellationToken).ConfigureAwait(false);
        var limits = StackLimits.Describe(stack, stackOptions);
        foreach (var limit in limits)
        {
            progress.Status("Pipeline limits: " + limit);
        }

        attribution.MapPort(new Uri(stack.Api.BaseUrl).Port, StackComponent.ApiGateway);
        attribution.MapPort(new Uri(stack.Sqs.ServiceUrl).Port, StackComponent.Sqs);
        attribution.MapPort(new Uri(stack.DynamoDb.ServiceUrl).Port, StackComponent.DynamoDb);
        attribution.MapPort(new Uri(stack.XRayApi.BaseUrl).Port, StackComponent.XRay);

        using var driver = attribution.Enter(StackComponent.Driver);
        using var http = stack.CreateApiClient(TimeSpan.FromSeconds(60));
        var url = UrlFor(stack, sample);
        progress.Status($"Pipeline: warming up with {options.Concurrency} orders (not counted)");
        var warmUp = await SubmitAsync(http, url, sample, options.Concurrency, options.Concurrency, cancellationToken).ConfigureAwait(false);
        await WaitForProcessedAsync(stack.Traces, warmUp, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);

        progress.Status($"Pipeline: {options.Orders} orders at concurrency {options.Concurrency}");
        var meter = PipelineCpuMeter.Start(stack, attribution);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var orders = await SubmitAsync(http, url, sample, options.Orders, options.Concurrency, cancellationToken).ConfigureAwait(false);
        var submitting = clock.Elapsed;
        var accepted = orders.Where(order => order.Accepted).ToList();
        var processed = await WaitForProcessedAsync(stack.Traces, accepted, SettleTimeout(options.Orders), cancellationToken)
            .ConfigureAwait(false);
        var cpu = meter.Stop(accepted.Count);

        var latencies = accepted.Where(order => processed.ContainsKey(order.TraceId!))
            .Select(order => (processed[order.TraceId!] - order.AnsweredAt.ToUnixTimeMilliseconds() / 1000.0) * 1000).ToList();
        var done = accepted.Count(order => processed.ContainsKey(order.TraceId!));
        TimeSpan? allProcessedAfter = done == accepted.Count && done > 0
            ? TimeSpan.FromSeconds(accepted.Max(order => processed[order.TraceId!]) - startedAt.ToUnixTimeMilliseconds() / 1000.0)
            : null;
        return new PipelineResult(
            options.PipelineMode,
            options.Orders,
            options.Concurrency,
            accepted.Count,
            done,
            submitting,
            allProcessedAfter,
            latencies.Count > 0 ? SampleSummary.Of(latencies) : null,
            cpu)
        {
            Limits = limits,
            ParameterOverrides = stackOptions.ParameterOverrides ?? new Dictionary<string, string>(),
        };
    }

    /// <summary><see cref="RaisedLimits"/> the template declares, under <paramref name="given"/>.</summary>
    private static Dictionary<string, string> WithRaisedLimits(IReadOnlyDictionary<string, string>? given, LocalTemplate template)
    {
        var overrides = RaisedLimits
            .Where(limit => template.Parameters.Any(parameter => parameter.Name == limit.Key))
            .ToDictionary(StringComparer.Ordinal);
        foreach (var (name, value) in given ?? new Dictionary<string, string>())
        {
            overrides[name] = value;
        }

        return overrides;
    }

    /// <summary>A minute, and a slow 20 orders a second beyond that.</summary>
    private static TimeSpan SettleTimeout(int orders) => TimeSpan.FromSeconds(60 + orders / 20.0);

    private static Uri UrlFor(EmulatedStack stack, SampleRequest request)
    {
        var route = stack.Template.Functions
            .SelectMany(function => function.ApiEvents)
            .FirstOrDefault(source => source.Path == request.Path
                && (source.Method == "ANY" || string.Equals(source.Method, request.Method, StringComparison.OrdinalIgnoreCase)))
            ?? throw new TemplateException($"No Api event of the template serves {request.Method} {request.Path}.");
        return new Uri(stack.RouteUrl(route));
    }

    private static async Task<List<PipelineOrder>> SubmitAsync(
        HttpClient http, Uri url, SampleRequest sample, int count, int concurrency, CancellationToken cancellationToken)
    {
        var results = new PipelineOrder[count];
        await Parallel.ForAsync(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                using var request = sample.ToHttpRequest(url);
                using var response = await http.SendAsync(request, token).ConfigureAwait(false);
                var answeredAt = DateTimeOffset.UtcNow;
                var traceId = response.Headers.TryGetValues(TraceHeader.HeaderName, out var values)
                    && TraceHeader.TryParse(values.First(), out var header) ? header.Root : null;
                results[i] = new PipelineOrder((int)response.StatusCode, traceId, answeredAt);
            }).ConfigureAwait(false);
        return [.. results];
    }

    private static async Task<Dictionary<string, double>> WaitForProcessedAsync(
        TraceStore traces, IReadOnlyList<PipelineOrder> orders, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var processed = ProcessedIndex.Build(traces);
            if (orders.All(order => !order.Accepted || processed.ContainsKey(order.TraceId!)) || deadline.Elapsed > timeout)
            {
                return processed;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>One order the pipeline part submitted.</summary>
/// <param name="Status">The HTTP status API Gateway answered.</param>
/// <param name="TraceId">The Root of the answer's <c>X-Amzn-Trace-Id</c>; null when it had none.</param>
/// <param name="AnsweredAt">When the answer was received (wall clock).</param>
internal sealed record PipelineOrder(int Status, string? TraceId, DateTimeOffset AnsweredAt)
{
    public bool Accepted => Status is >= 200 and < 300 && TraceId is not null;
}

/// <summary>
/// The pipeline part: <see cref="Orders"/> orders at <see cref="Concurrency"/>, of which <see cref="Accepted"/> were
/// answered 2xx with a trace id and <see cref="Processed"/> were processed (their trace linked from a successful
/// invocation of a queue-triggered function). Latency runs from the 2xx answer's arrival to the end of that
/// invocation (<see cref="ProcessedIndex"/>).
/// </summary>
internal sealed record PipelineResult(
    FunctionBuildMode Mode,
    int Orders,
    int Concurrency,
    int Accepted,
    int Processed,
    TimeSpan Submitting,
    TimeSpan? AllProcessedAfter,
    SampleSummary? LatencyMs,
    IReadOnlyList<CpuShare> CpuPerOrder)
{
    /// <summary>The limits the stack applied, parameter overrides included, one line each.</summary>
    public IReadOnlyList<string> Limits { get; init; } = [];

    /// <summary>The template parameters the stack ran with instead of their defaults.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>();

    public const string LatencySource =
        "answer received by the client -> end of the consumer invocation whose AWS::Lambda segment links the order's trace";

    public double AcceptedPerSecond => Accepted / Math.Max(Submitting.TotalSeconds, 1e-3);

    public double? ProcessedPerSecond =>
        AllProcessedAfter is { } elapsed && Processed == Accepted ? Processed / Math.Max(elapsed.TotalSeconds, 1e-3) : null;

    /// <summary>The stack's CPU per order: every share but the bench's own driver.</summary>
    public double StackMillisecondsPerOrder => CpuPerOrder.Where(share => share.PartOfStack).Sum(share => share.MillisecondsPerOrder);
}

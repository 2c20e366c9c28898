using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Otlp.Forwarding;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Otlp;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.XRay.Api;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// The whole local stack for one template: SQS with the template's queues, DynamoDB with its tables, the X-Ray daemon
/// and API, the OTLP/HTTP traces receiver (which stores into the same traces), every function
/// built and served by the local Lambda service, API Gateway in front of the functions' <c>Api</c> events, and an event
/// source mapping for each <c>SQS</c> event. Disposing stops it all, mappings first, so nothing in flight is lost.
/// </summary>
internal sealed class EmulatedStack : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];

    private EmulatedStack()
    {
    }

    public required LocalTemplate Template { get; init; }

    /// <summary>The account and region the stack plays, and where the template's resources are.</summary>
    public required LocalAccount Account { get; init; }

    public required LocalSqsHost Sqs { get; init; }

    public required LocalDynamoDbHost DynamoDb { get; init; }

    public required TraceStore Traces { get; init; }

    public required XRayDaemon Daemon { get; init; }

    public required XRayApiHost XRayApi { get; init; }

    /// <summary>OTLP/HTTP traces in protobuf or JSON: a function exporting OpenTelemetry (or any OTLP client) sends here.</summary>
    public required OtlpHttpReceiver Otlp { get; init; }

    public required LocalLambdaService Lambda { get; init; }

    public required ApiGatewayHost Api { get; init; }

    public required IReadOnlyList<SqsEventSourceMapping> Mappings { get; init; }

    public required IReadOnlyList<FunctionBuildResult> Builds { get; init; }

    /// <summary>The access key API Gateway's <c>AWS_IAM</c> methods accept.</summary>
    public required LocalCredentials Credentials { get; init; }

    /// <summary>How API Gateway samples requests that arrive without a decision (the rules it tries, in order).</summary>
    public required XRaySampler ApiSampler { get; init; }

    /// <summary>
    /// What this stack records, for <c>up</c>, <c>demo</c> and <c>trial</c> to print: every request and batch, or the
    /// rules API Gateway applies and Lambda's fixed rate for its event source mappings.
    /// </summary>
    public IEnumerable<string> DescribeSampling()
    {
        if (ReferenceEquals(ApiSampler, XRaySampler.SampleAll))
        {
            yield return "X-Ray sampling: every request and every queue batch is recorded (--sample-all); a deployed pipeline records far fewer.";
            yield break;
        }

        yield return "X-Ray sampling as in AWS: a request's X-Amzn-Trace-Id with Sampled=1 or Sampled=0 decides; otherwise API Gateway applies, in order:";
        foreach (var rule in ApiSampler.Describe())
        {
            yield return $"  {rule}";
        }

        yield return "  and Lambda records 1 queue batch a second, then 5% (its fixed rate). Pass --sample-all to record everything.";
    }

    /// <summary>Builds the functions (reusing up-to-date builds) and starts every part, telling <paramref name="events"/>.</summary>
    public static async Task<EmulatedStack> StartAsync(
        StackOptions options, StackEvents events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(events);
        var time = TimeProvider.System;
        var parts = new List<IAsyncDisposable>();
        try
        {
            var sqs = Track(parts, await LocalSqsHost.StartAsync(options.SqsPort, options.SqsFaults, events.Sqs, cancellationToken).ConfigureAwait(false));
            var account = options.Account(sqs.ServiceUrl);
            var template = TemplateReader.Load(options.TemplatePath, account);
            sqs.CreateQueues(template, options.VisibilityTimeoutOverride);
            var dynamoDb = Track(parts, await LocalDynamoDbHost.StartAsync(
                options.DynamoDbPort, account.Region, options.DynamoDbFaults, events.DynamoDb, cancellationToken).ConfigureAwait(false));
            dynamoDb.CreateTables(template);

            var traces = Track(parts, options.KeepTraces ? TraceStore.Open(Path.GetFullPath(options.DataDirectory)) : new TraceStore());
            if (options.OtlpEndpoint is { } forwardTo)
            {
                // Stopped after everything that records segments, so that the last ones are sent too.
                Track(parts, OtlpForwarder.Start(traces, forwardTo, events.Problem, events.Status));
            }

            var (daemon, xrayApi) = await StartXRayAsync(options.XRayPort, traces, options.WorkTagger, parts, cancellationToken).ConfigureAwait(false);
            OtlpHttpReceiver otlp;
            using (options.WorkTagger?.Invoke(StackComponent.XRay))
            {
                otlp = Track(parts, await OtlpHttpReceiver.StartAsync(options.OtlpPort, traces, cancellationToken).ConfigureAwait(false));
            }

            var builds = await BuildAsync(options, template, events, cancellationToken).ConfigureAwait(false);
            var settings = new LambdaServiceSettings(account.Region, new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL_SQS"] = sqs.ServiceUrl,
                ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.ServiceUrl,
                ["AWS_XRAY_DAEMON_ADDRESS"] = daemon.Address,
            }, options.AccountConcurrency);
            var functions = template.Functions.Select(function => ToLocalFunction(function, builds, options));
            var lambda = Track(parts, new LocalLambdaService(functions, settings, events.FunctionLog));

            var credentials = options.Credentials ?? LocalCredentials.Default;
            var apiSettings = ApiGatewaySettings.Default with { Region = account.Region, Credentials = credentials };
            var apiSampler = options.SampleAll ? XRaySampler.SampleAll : new XRaySampler(template.SamplingRules);
            var api = Track(parts, await ApiGatewayHost.StartAsync(
                options.ApiPort, template, lambda, traces, time, apiSettings, apiSampler, cancellationToken).ConfigureAwait(false));
            var mappings = StartMappings(template, account, sqs, lambda, traces, options.SampleAll, events.ForMappings(), options.WorkTagger, parts);
            var stack = new EmulatedStack
            {
                Template = template,
                Account = account,
                Sqs = sqs,
                DynamoDb = dynamoDb,
                Traces = traces,
                Daemon = daemon,
                XRayApi = xrayApi,
                Otlp = otlp,
                Lambda = lambda,
                Api = api,
                Mappings = mappings,
                Builds = builds,
                Credentials = credentials,
                ApiSampler = apiSampler,
            };
            stack._parts.AddRange(parts);
            return stack;
        }
        catch
        {
            await DisposeAllAsync(parts).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Where API Gateway serves an <c>Api</c> event: <c>http://127.0.0.1:&lt;port&gt;/&lt;stage&gt;&lt;path&gt;</c>.</summary>
    public string RouteUrl(ApiEventSource route) => $"{Api.BaseUrl}/{Template.Api(route).StageName}{route.Path}";

    /// <summary>
    /// An HTTP client for API Gateway that signs every request with <see cref="Credentials"/> for this stack's region
    /// (SigV4, service <c>execute-api</c>), as a caller with <c>execute-api:Invoke</c> does in AWS.
    /// </summary>
    public HttpClient CreateApiClient(TimeSpan timeout) =>
        new(new SigV4SigningHandler(Credentials, Account.Region, TimeProvider.System) { InnerHandler = new SocketsHttpHandler() })
        {
            Timeout = timeout,
        };

    public ValueTask DisposeAsync() => DisposeAllAsync(_parts);

    private static async Task<(XRayDaemon Daemon, XRayApiHost Api)> StartXRayAsync(
        int port, TraceStore traces, Func<StackComponent, IDisposable>? tagger, List<IAsyncDisposable> parts, CancellationToken cancellationToken)
    {
        // One port number for both, as the X-Ray daemon has: UDP for segments, TCP for the API. With port 0 the UDP
        // port is picked first; if its TCP twin is taken, try another.
        for (var attempt = 0; ; attempt++)
        {
            XRayDaemon daemon;
            using (tagger?.Invoke(StackComponent.XRay))
            {
                daemon = XRayDaemon.Start(port, traces);
            }

            try
            {
                var api = await XRayApiHost.StartAsync(daemon.EndPoint.Port, traces, cancellationToken).ConfigureAwait(false);
                parts.Add(daemon);
                parts.Add(api);
                return (daemon, api);
            }
            catch (IOException) when (port == 0 && attempt < 5)
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static async Task<IReadOnlyList<FunctionBuildResult>> BuildAsync(
        StackOptions options, LocalTemplate template, StackEvents events, CancellationToken cancellationToken)
    {
        events.Status($"Building {string.Join(" and ", template.Functions.Select(f => f.LogicalId))} ({FunctionBuilder.MakeVariable(options.BuildMode)})");
        var builds = template.Functions.Select(function => FunctionBuilder.BuildAsync(
            new FunctionBuildRequest(
                options.TemplateDirectory, function.LogicalId, options.BuildDirectory(function.LogicalId), options.BuildMode),
            line => events.Build(function.LogicalId, line),
            cancellationToken));
        var results = await Task.WhenAll(builds).ConfigureAwait(false);
        foreach (var result in results)
        {
            events.Status(result.Reused
                ? $"{result.LogicalId}: sources unchanged, reusing {result.BootstrapPath}"
                : $"{result.LogicalId}: built {result.BootstrapPath}");
        }

        return results;
    }

    private static LocalFunction ToLocalFunction(
        FunctionDefinition function, IReadOnlyList<FunctionBuildResult> builds, StackOptions options)
    {
        var build = builds.Single(result => result.LogicalId == function.LogicalId);
        return FunctionFor(function, build, options.FunctionConcurrency);
    }

    /// <summary>
    /// The function as the local Lambda service runs it: the template's settings and logging configuration, the process
    /// <paramref name="build"/> made, at most <paramref name="maxConcurrency"/> instances.
    /// </summary>
    internal static LocalFunction FunctionFor(FunctionDefinition function, FunctionBuildResult build, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(build);
        return FunctionLoggingConfig.Apply(
            function.LoggingConfig,
            new LocalFunction(
                function.LogicalId,
                build.BootstrapPath,
                [],
                build.ArtifactsDirectory,
                function.Environment,
                TimeSpan.FromSeconds(function.Timeout),
                function.MemorySize,
                maxConcurrency,
                ReservedConcurrentExecutions: function.ReservedConcurrentExecutions) { Name = function.Name });
    }

    private static List<SqsEventSourceMapping> StartMappings(
        LocalTemplate template,
        LocalAccount account,
        LocalSqsHost sqs,
        LocalLambdaService lambda,
        TraceStore traces,
        bool sampleAll,
        SqsEventSourceMappingEvents events,
        Func<StackComponent, IDisposable>? tagger,
        List<IAsyncDisposable> parts)
    {
        var mappings = new List<SqsEventSourceMapping>();
        foreach (var function in template.Functions)
        {
            // One sampler per function: Lambda's rate is the function's, whichever of its mappings starts the invocation.
            var sampler = sampleAll ? XRaySampler.SampleAll : XRaySampler.ForLambda();
            foreach (var source in function.SqsEvents)
            {
                var queue = template.QueueWithArn(source.Queue, account);
                var settings = source with { QueueUrl = account.QueueUrl(queue.Name), FunctionName = function.Name };
                var mapping = new SqsEventSourceMapping(settings, sqs.ServiceUrl, lambda, traces, sampler, events);
                parts.Add(mapping);
                mappings.Add(mapping);
                using (tagger?.Invoke(StackComponent.EventSourceMapping))
                {
                    mapping.Start();
                }
            }
        }

        return mappings;
    }

    private static T Track<T>(List<IAsyncDisposable> parts, T part)
        where T : IAsyncDisposable
    {
        parts.Add(part);
        return part;
    }

    private static async ValueTask DisposeAllAsync(List<IAsyncDisposable> parts)
    {
        // Reverse order: mappings stop polling first, then API Gateway, Lambda, X-Ray and SQS.
        for (var i = parts.Count - 1; i >= 0; i--)
        {
            await parts[i].DisposeAsync().ConfigureAwait(false);
        }

        parts.Clear();
    }
}

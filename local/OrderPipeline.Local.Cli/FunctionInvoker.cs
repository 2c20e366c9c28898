using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli;

/// <summary>
/// <c>invoke &lt;LogicalId&gt; --event &lt;file&gt;</c>: what <c>sam local invoke</c> does, without Docker. The function
/// runs once as its real executable against a local Runtime API, with the template's environment (references resolved
/// to local SQS and DynamoDB endpoints holding the template's queues and tables) and an X-Ray daemon that collects its
/// trace.
/// </summary>
internal static class FunctionInvoker
{
    /// <summary>How long to wait after the invocation for datagrams still on their way to the daemon.</summary>
    private static readonly TimeSpan TraceSettleTime = TimeSpan.FromMilliseconds(300);

    public static async Task<InvokeOutcome> InvokeAsync(
        InvokeOptions options, Action<string> progress, Action<FunctionLogLine> logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var payload = await File.ReadAllBytesAsync(options.EventPath, cancellationToken).ConfigureAwait(false);
        await using var sqs = await LocalSqsHost.StartAsync(0, null, cancellationToken).ConfigureAwait(false);
        var resources = new LocalAccount(sqs.ServiceUrl, stackName: options.StackName ?? SamConfig.StackNameFor(options.TemplatePath));
        await using var dynamoDb = await LocalDynamoDbHost.StartAsync(0, resources.Region, cancellationToken).ConfigureAwait(false);
        var template = TemplateReader.Load(options.TemplatePath, resources);
        var function = template.Function(options.LogicalId);
        sqs.CreateQueues(template);
        dynamoDb.CreateTables(template);

        var bootstrap = options.ArtifactsDirectory is { } artifacts
            ? Path.Combine(Path.GetFullPath(artifacts), FunctionBuilder.BootstrapFileName)
            : (await FunctionBuilder.BuildAsync(
                new FunctionBuildRequest(
                    Path.GetDirectoryName(Path.GetFullPath(options.TemplatePath))!,
                    function.LogicalId,
                    Path.Combine(options.DataDirectory, "build", function.LogicalId),
                    options.BuildMode),
                progress,
                cancellationToken).ConfigureAwait(false)).BootstrapPath;

        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);
        var settings = new LambdaServiceSettings(resources.Region, new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_SQS"] = sqs.ServiceUrl,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.ServiceUrl,
            ["AWS_XRAY_DAEMON_ADDRESS"] = daemon.Address,
        });
        var local = FunctionLoggingConfig.Apply(
            function.LoggingConfig,
            new LocalFunction(
                function.LogicalId,
                bootstrap,
                [],
                Path.GetDirectoryName(bootstrap)!,
                function.Environment,
                TimeSpan.FromSeconds(function.Timeout),
                function.MemorySize,
                MaxConcurrency: 1) { Name = function.Name });
        await using var lambda = new LocalLambdaService([local], settings, logs);

        var trace = LambdaInvocationTrace.NewTrace(TimeProvider.System, []);
        var started = DateTimeOffset.UtcNow;
        var result = await lambda.InvokeAsync(function.Name, payload, trace.RuntimeTraceHeader, cancellationToken)
            .ConfigureAwait(false);
        result = await result.Settled.ConfigureAwait(false);
        LambdaSegments.Record(store, trace, function.Name, started, DateTimeOffset.UtcNow, result);
        await Task.Delay(TraceSettleTime, cancellationToken).ConfigureAwait(false);
        return new InvokeOutcome(trace.TraceId, result, store.Trace(trace.TraceId));
    }
}

/// <summary>What <c>invoke</c> runs: one function of the template, once, on one event file.</summary>
/// <param name="LogicalId">The function's logical id in the template.</param>
/// <param name="EventPath">The event file (JSON), as for <c>sam local invoke -e</c>.</param>
/// <param name="TemplatePath">The SAM template; its folder holds the Makefile the build runs.</param>
/// <param name="DataDirectory">Where builds are kept (<c>build/&lt;LogicalId&gt;</c>).</param>
/// <param name="ArtifactsDirectory">An existing build to run instead of building (a folder holding <c>bootstrap</c>).</param>
/// <param name="BuildMode">How to build the function when <paramref name="ArtifactsDirectory"/> is null.</param>
/// <param name="StackName">The stack whose deployed names the function and resources take; null for samconfig.toml's.</param>
internal sealed record InvokeOptions(
    string LogicalId,
    string EventPath,
    string TemplatePath,
    string DataDirectory,
    string? ArtifactsDirectory,
    FunctionBuildMode BuildMode = FunctionBuildMode.Auto,
    string? StackName = null);

/// <summary>What one <c>invoke</c> produced: the invocation's result and its whole trace.</summary>
internal sealed record InvokeOutcome(string TraceId, InvocationResult Result, IReadOnlyList<StoredSegment> Trace);

using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Stack;

/// <summary>How to run the local stack.</summary>
/// <param name="TemplatePath">template.yaml; the functions are built with the Makefile beside it.</param>
/// <param name="DataDirectory">Builds go under <c>build/</c>; traces under <c>traces/</c> when <paramref name="KeepTraces"/>.</param>
/// <param name="ApiPort">API Gateway's port (0 picks a free one).</param>
/// <param name="SqsPort">The SQS endpoint's port (0 picks a free one).</param>
/// <param name="DynamoDbPort">The DynamoDB endpoint's port (0 picks a free one).</param>
/// <param name="XRayPort">The X-Ray daemon's UDP port, and the X-Ray API's TCP port (0 picks a free one).</param>
/// <param name="BuildMode">How the functions are built.</param>
/// <param name="KeepTraces">Append traces under the data directory and load them at start, so they survive a restart.</param>
/// <param name="FunctionConcurrency">How many instances of each function may run at once.</param>
/// <param name="VisibilityTimeoutOverride">Replaces every queue's VisibilityTimeout (the demo shortens it so that
/// failed messages come back, and reach the dead-letter queue, within seconds); null keeps the template's.</param>
/// <param name="SqsFaults">A share of SQS requests to fail or throttle, for trying how clients cope; null for none.</param>
/// <param name="DynamoDbFaults">A share of DynamoDB requests to fail or throttle; null for none.</param>
/// <param name="WorkTagger">Marks (until the scope it returns is disposed) the background work of the X-Ray daemon and the event source mappings as theirs (the
/// bench's CPU attribution); null for none.</param>
/// <param name="Credentials">The access key API Gateway accepts on <c>AWS_IAM</c> methods; null for
/// <see cref="LocalCredentials.Default"/>.</param>
/// <param name="StackName">The stack whose deployed names the resources take; null for the <c>stack_name</c> of the
/// samconfig.toml beside the template, else <see cref="LocalAccount.DefaultStackName"/>.</param>
/// <param name="ParameterOverrides">Template parameter values, as <c>sam deploy --parameter-overrides</c> gives them;
/// null for the defaults.</param>
/// <param name="AccountConcurrency">The Lambda concurrency quota the account plays (Lambda throttles beyond it).</param>
/// <param name="SampleAll">Record every request and every batch (<c>--sample-all</c>) instead of sampling as AWS does:
/// API Gateway by the template's <c>AWS::XRay::SamplingRule</c>s then X-Ray's default rule, Lambda's event source
/// mappings at Lambda's fixed rate.</param>
/// <param name="OtlpPort">The OTLP/HTTP traces receiver's TCP port (<c>up</c>: 4318, OTLP/HTTP's conventional port;
/// 0 picks a free one).</param>
/// <param name="OtlpEndpoint">Where every trace the stack holds is forwarded as OTLP/HTTP protobuf: the full traces URL
/// (<see cref="Otlp.Forwarding.OtlpForwarder.TryResolveEndpoint"/>); null forwards nothing.</param>
internal sealed record StackOptions(
    string TemplatePath,
    string DataDirectory,
    int ApiPort,
    int SqsPort,
    int DynamoDbPort,
    int XRayPort,
    FunctionBuildMode BuildMode,
    bool KeepTraces,
    int FunctionConcurrency = StackOptions.DefaultFunctionConcurrency,
    TimeSpan? VisibilityTimeoutOverride = null,
    SqsFaultRates? SqsFaults = null,
    DynamoDbFaultRates? DynamoDbFaults = null,
    Func<StackComponent, IDisposable>? WorkTagger = null,
    LocalCredentials? Credentials = null,
    string? StackName = null,
    IReadOnlyDictionary<string, string>? ParameterOverrides = null,
    int AccountConcurrency = LambdaServiceSettings.DefaultAccountConcurrency,
    bool SampleAll = false,
    int OtlpPort = 0,
    Uri? OtlpEndpoint = null)
{
    /// <summary>
    /// Processes per function: as many as the SQS event source's five pollers at the start, so that no batch waits for a
    /// process while its visibility timeout runs out (which would deliver it again where Lambda would not).
    /// </summary>
    public const int DefaultFunctionConcurrency = 5;

    /// <summary>
    /// The queues' visibility timeout in <c>demo</c> and <c>trial</c>: seconds instead of the template's minutes, so
    /// that failed deliveries come back, and reach the dead-letter queue, while the command waits.
    /// </summary>
    public static readonly TimeSpan ShortVisibilityTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The account the stack plays, its queues served at <paramref name="sqsServiceUrl"/>.</summary>
    public LocalAccount Account(string sqsServiceUrl) => new(
        sqsServiceUrl,
        parameterOverrides: ParameterOverrides,
        stackName: StackName ?? SamConfig.StackNameFor(TemplatePath));

    public string TemplateDirectory => Path.GetDirectoryName(Path.GetFullPath(TemplatePath))!;

    public string BuildDirectory(string logicalId) => Path.Combine(Path.GetFullPath(DataDirectory), "build", logicalId);
}

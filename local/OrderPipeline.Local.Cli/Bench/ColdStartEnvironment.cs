using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// What a function needs around it for one real invocation, without API Gateway or event source mappings (which would
/// invoke functions on their own): the template's queues and tables on the local SQS and DynamoDB endpoints, and the
/// X-Ray daemon, with the variables the local stack gives every function.
/// </summary>
internal sealed class ColdStartEnvironment : IAsyncDisposable
{
    private ColdStartEnvironment(
        LocalSqsHost sqs, LocalDynamoDbHost dynamoDb, TraceStore traces, XRayDaemon daemon, LocalAccount resources, LocalTemplate template)
    {
        Sqs = sqs;
        DynamoDb = dynamoDb;
        Traces = traces;
        Daemon = daemon;
        Account = resources;
        Template = template;
        Settings = new LambdaServiceSettings(resources.Region, new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_SQS"] = sqs.ServiceUrl,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.ServiceUrl,
            ["AWS_XRAY_DAEMON_ADDRESS"] = daemon.Address,
        });
    }

    public LocalSqsHost Sqs { get; }

    public LocalDynamoDbHost DynamoDb { get; }

    public TraceStore Traces { get; }

    public XRayDaemon Daemon { get; }

    public LocalAccount Account { get; }

    public LocalTemplate Template { get; }

    public LambdaServiceSettings Settings { get; }

    public static async Task<ColdStartEnvironment> StartAsync(string templatePath, CancellationToken cancellationToken)
    {
        var sqs = await LocalSqsHost.StartAsync(0, null, cancellationToken).ConfigureAwait(false);
        LocalDynamoDbHost? dynamoDb = null;
        try
        {
            var resources = new LocalAccount(sqs.ServiceUrl, stackName: SamConfig.StackNameFor(templatePath));
            var template = TemplateReader.Load(templatePath, resources);
            sqs.CreateQueues(template);
            dynamoDb = await LocalDynamoDbHost.StartAsync(0, resources.Region, cancellationToken).ConfigureAwait(false);
            dynamoDb.CreateTables(template);
            var traces = new TraceStore();
            return new ColdStartEnvironment(sqs, dynamoDb, traces, XRayDaemon.Start(0, traces), resources, template);
        }
        catch
        {
            if (dynamoDb is not null)
            {
                await dynamoDb.DisposeAsync().ConfigureAwait(false);
            }

            await sqs.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The function as the local Lambda service runs it, from <paramref name="build"/>, one instance at most.</summary>
    public static LocalFunction FunctionFor(FunctionDefinition function, FunctionBuildResult build) =>
        EmulatedStack.FunctionFor(function, build, maxConcurrency: 1);

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync().ConfigureAwait(false);
        await DynamoDb.DisposeAsync().ConfigureAwait(false);
        await Sqs.DisposeAsync().ConfigureAwait(false);
    }
}

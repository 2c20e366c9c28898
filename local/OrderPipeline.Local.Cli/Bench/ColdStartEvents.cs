using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// The event a function is cold-started with: for a function with an <c>Api</c> event, the sample API Gateway event;
/// for one with an <c>SQS</c> event, one message received from its queue (all attributes, as the event source mapping
/// receives it; the sample SQS event's first body is sent first when the queue is empty) in a one-record event written
/// as the mapping writes it. Every invocation gets a new sampled trace header, as with active tracing.
/// </summary>
internal sealed class ColdStartEvents(ColdStartEnvironment environment, BenchOptions options) : IDisposable
{
    private readonly AmazonSQSClient _sqs = new(
        new BasicAWSCredentials("local", "local"),
        new AmazonSQSConfig { ServiceURL = environment.Sqs.ServiceUrl, AuthenticationRegion = environment.Account.Region });

    private byte[]? _apiEvent;

    /// <summary>Whether the function has an event this class can build: an Api or an SQS event.</summary>
    public static bool CanInvoke(FunctionDefinition function) =>
        function.ApiEvents.Count > 0 || function.SqsEvents.Count > 0;

    public static string NewTraceHeader()
    {
        var root = XRayTraceId.New(TimeProvider.System).ToHexString();
        return $"Root=1-{root[..8]}-{root[8..]};Parent={SegmentDocuments.NewId()};Sampled=1";
    }

    public async Task<byte[]> ForAsync(FunctionDefinition function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.ApiEvents.Count > 0)
        {
            return _apiEvent ??= await File.ReadAllBytesAsync(options.ApiEventPath, cancellationToken).ConfigureAwait(false);
        }

        var queue = environment.Template.QueueWithArn(function.SqsEvents[0].Queue, environment.Account);
        var queueUrl = environment.Account.QueueUrl(queue.Name);
        var message = await ReceiveOneAsync(queueUrl, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            await _sqs.SendMessageAsync(
                new SendMessageRequest { QueueUrl = queueUrl, MessageBody = SampleBody(), MessageSystemAttributes = TraceAttribute() },
                cancellationToken).ConfigureAwait(false);
            message = await ReceiveOneAsync(queueUrl, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The message just sent to {queue.LogicalId} could not be received.");
        }

        return SqsLambdaEvent.Write([message], environment.Account.QueueArn(queue.Name), environment.Account.Region);
    }

    public void Dispose() => _sqs.Dispose();

    private async Task<Message?> ReceiveOneAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var response = await _sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 1,
                MessageSystemAttributeNames = ["All"],
                MessageAttributeNames = ["All"],
            },
            cancellationToken).ConfigureAwait(false);
        return response.Messages is [var message, ..] ? message : null;
    }

    private string SampleBody()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(options.SqsEventPath));
        return document.RootElement.GetProperty("Records")[0].GetProperty("body").GetString()
            ?? throw new InvalidDataException($"{options.SqsEventPath}: the first record has no body.");
    }

    private static Dictionary<string, MessageSystemAttributeValue> TraceAttribute() => new()
    {
        [SqsSentMessage.TraceHeaderAttribute] = new MessageSystemAttributeValue { DataType = "String", StringValue = NewTraceHeader() },
    };
}

using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>
/// Speaks AWS JSON 1.0 as SQS does: records the request, checks it carries an Authorization header (the signature
/// is not verified), applies injected faults, dispatches on <c>X-Amz-Target</c>, and writes the JSON answer or error.
/// </summary>
internal sealed class SqsRequestHandler
{
    public const string TargetHeader = "X-Amz-Target";
    public const string TargetPrefix = "AmazonSQS.";
    public const string JsonContentType = "application/x-amz-json-1.0";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string QueryErrorHeader = "x-amzn-query-error";
    public const string AuthorizationHeader = "Authorization";

    private readonly Dictionary<string, Func<SqsCall, Task>> _operations;
    private readonly SqsFaultPlan _faults;
    private readonly Action<SqsRequest> _received;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;

    public SqsRequestHandler(
        SqsQueueRegistry queues,
        SqsFaultPlan faults,
        Action<SqsRequest> received,
        Action<SqsSentMessage> accepted,
        TimeProvider time,
        CancellationToken stopping)
    {
        var send = new SqsSendOperations(queues, accepted, time);
        var receive = new SqsReceiveOperations(queues, time);
        var queueOperations = new SqsQueueOperations(queues);
        _operations = new(StringComparer.Ordinal)
        {
            ["SendMessage"] = send.SendMessageAsync,
            ["SendMessageBatch"] = send.SendMessageBatchAsync,
            ["ReceiveMessage"] = receive.ReceiveMessageAsync,
            ["DeleteMessage"] = receive.DeleteMessageAsync,
            ["GetQueueUrl"] = queueOperations.GetQueueUrlAsync,
            ["CreateQueue"] = queueOperations.CreateQueueAsync,
        };
        _faults = faults;
        _received = received;
        _time = time;
        _stopping = stopping;
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellation.Token).ConfigureAwait(false);
        var body = buffer.ToArray();
        var target = request.Headers[TargetHeader].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : null;
        _received(new SqsRequest(operation, SqsHttp.Headers(request.Headers), body, _time.GetUtcNow()));

        context.Response.Headers[RequestIdHeader] = Guid.NewGuid().ToString();
        var output = new ArrayBufferWriter<byte>();
        try
        {
            await DispatchAsync(context, operation, body, output, cancellation.Token).ConfigureAwait(false);
            await SqsHttp.WriteAsync(context.Response, StatusCodes.Status200OK, output.WrittenMemory, cancellation.Token)
                .ConfigureAwait(false);
        }
        catch (SqsProtocolException rejected)
        {
            await SqsHttp.WriteErrorAsync(context.Response, rejected.Error, cancellation.Token).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(
        HttpContext context, string? operation, byte[] body, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var authorization = request.Headers[AuthorizationHeader].ToString();
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw new SqsProtocolException(SqsError.MissingAuthenticationToken());
        }

        if (!HttpMethods.IsPost(request.Method)
            || request.Path != "/"
            || !SqsHttp.IsMediaType(request.ContentType, JsonContentType))
        {
            throw new SqsProtocolException(SqsError.UnknownOperation(
                $"This endpoint answers only POST / with Content-Type {JsonContentType}."));
        }

        if (operation is null || !_operations.TryGetValue(operation, out var handle))
        {
            throw new SqsProtocolException(SqsError.UnknownOperation($"Unknown operation {request.Headers[TargetHeader]}."));
        }

        if (_faults.Take(operation) is { } fault)
        {
            throw new SqsProtocolException(fault);
        }

        using var document = SqsHttp.ParseJson(body);
        await using var writer = new Utf8JsonWriter(output);
        var serviceUrl = SqsQueueRegistry.ServiceUrlFor(context.Connection.LocalPort);
        var call = new SqsCall(document.RootElement, writer, serviceUrl, SqsHttp.AccessKeyId(authorization), cancellationToken);
        await handle(call).ConfigureAwait(false);
    }
}

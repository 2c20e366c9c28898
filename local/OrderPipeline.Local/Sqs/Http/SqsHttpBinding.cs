using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.Sqs.Operations;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Sqs.Http;

/// <summary>
/// Speaks AWS JSON 1.0 as SQS does: reports the request to the observer, checks it carries an Authorization header (the
/// signature is not verified), applies injected faults, dispatches on <c>X-Amz-Target</c>, and writes the JSON answer
/// or the AWS-shaped error. Queue URLs in answers use the scheme and host the client called.
/// </summary>
internal sealed class SqsHttpBinding(
    SqsOperationTable operations,
    FaultPlan<SqsError> faults,
    FaultTally injected,
    ISqsServiceObserver observer,
    TimeProvider time,
    SqsRandomIds ids,
    CancellationToken stopping)
{
    public const string TargetHeader = "X-Amz-Target";
    public const string TargetPrefix = "AmazonSQS.";
    public const string JsonContentType = "application/x-amz-json-1.0";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string QueryErrorHeader = "x-amzn-query-error";
    public const string AuthorizationHeader = "Authorization";

    public async Task HandleAsync(HttpContext context)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var request = context.Request;
        var body = await SqsHttp.ReadBodyAsync(request, cancellation.Token).ConfigureAwait(false);
        var target = request.Headers[TargetHeader].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : null;
        observer.RequestReceived(new SqsRequest(operation, SqsHttp.Headers(request.Headers), body, time.GetUtcNow()));

        context.Response.Headers[RequestIdHeader] = ids.NextString();
        var output = new ArrayBufferWriter<byte>();
        try
        {
            await DispatchAsync(context, operation, body, output, cancellation.Token).ConfigureAwait(false);
            // The answer is written even when the service is stopping: a long poll it ended answers with no messages.
            await SqsHttp.WriteAsync(context.Response, StatusCodes.Status200OK, output.WrittenMemory, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (SqsProtocolException rejected)
        {
            await SqsHttp.WriteErrorAsync(context.Response, rejected.Error, context.RequestAborted).ConfigureAwait(false);
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

        if (operation is null || !operations.TryGet(operation, out var handle))
        {
            throw new SqsProtocolException(SqsError.UnknownOperation($"Unknown operation {request.Headers[TargetHeader]}."));
        }

        if (faults.Take(operation) is { } fault)
        {
            injected.Add(operation, fault.QueryCode ?? fault.Type);
            throw new SqsProtocolException(fault);
        }

        using var document = SqsHttp.ParseJson(body);
        await using var writer = new Utf8JsonWriter(output);
        var call = new SqsCall(
            document.RootElement, writer, SqsHttp.ServiceUrl(context), SqsHttp.AccessKeyId(authorization), cancellationToken);
        await handle(call).ConfigureAwait(false);
    }
}

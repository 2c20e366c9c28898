using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Contracts;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Producer.Http;
using OrderPipeline.Tracing;

namespace OrderPipeline.Producer;

/// <summary>
/// <c>POST /orders</c>: validates the order, puts it on the orders queue, and answers <c>202</c> only once SQS has
/// acknowledged the message. With an <c>Idempotency-Key</c> header the order id is a function of the key and the
/// customer, and the key is claimed in the idempotency table before anything is sent: a replay of the same order gets
/// the first answer and sends nothing, another order under the key gets <c>422</c>, the same order while the first
/// request is still in progress <c>409</c> (draft-ietf-httpapi-idempotency-key-header). Invalid input gets a problem
/// document naming every broken rule and sends nothing. A failed AWS call answers what it means for the order
/// (<see cref="FailureKind"/>): <c>503</c> with <c>Retry-After</c> when the order certainly was not accepted and a retry
/// can help, <c>504</c> when nobody knows (retry with the same key), <c>500</c> and the
/// <see cref="NonRetryableFailuresMetric"/> metric when only an operator can help.
/// The work runs in a <c>SubmitOrder</c> activity under the invocation's trace (the invocation's span when one is
/// current, else Lambda's function segment is its parent), tagged with the order id and the HTTP status; the AWS calls made inside it are traced by the SDK hook, which
/// carries the trace to the consumer in the message's <c>AWSTraceHeader</c>.
/// </summary>
internal sealed class SubmitOrderHandler(
    ProducerSettings settings, IAmazonSQS sqs, IdempotencyStore idempotency, IMetricsLogger metrics, TimeProvider time)
    : ILambdaHandler<ApiGatewayProxyRequest, ApiGatewayProxyResponse>
{
    /// <summary>Counts requests failed for a reason no retry fixes (permissions, a missing queue or table, credentials).</summary>
    internal const string NonRetryableFailuresMetric = "NonRetryableFailures";

    private const string ContentTypeHeader = "Content-Type";

    /// <summary>
    /// What the writes that settle an Idempotency-Key record after the send leave for Lambda to post the answer: they may
    /// run after the handler's own token fired (0.5 s before the deadline), but not past the deadline.
    /// </summary>
    private static readonly TimeSpan SettleMargin = TimeSpan.FromMilliseconds(200);

    public async Task<ApiGatewayProxyResponse> HandleAsync(
        ApiGatewayProxyRequest input, ILambdaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        // Under the invocation's span when the tracing session started one (OpenTelemetry export), else directly under
        // Lambda's function segment named by the trace header (X-Ray export).
        var header = TraceHeader.TryParse(context.TraceHeader, out var trace) ? trace.ToActivityContext() : default;
        var parent = Activity.Current?.Context ?? header;
        using var activity = ProducerTelemetry.Source.StartActivity(
            ProducerTelemetry.SubmitOrder, ActivityKind.Internal, parent);
        trace?.CarryOtherFieldsOn(activity);
        try
        {
            var response = await SubmitAsync(input, context, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(TraceTags.HttpStatusCode, response.StatusCode);
            return response;
        }
        catch (Exception ex)
        {
            // Escapes to the runtime, which reports it to Lambda: the subsegment shows the fault and its cause too.
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task<ApiGatewayProxyResponse> SubmitAsync(
        ApiGatewayProxyRequest input, ILambdaContext context, Activity? activity, CancellationToken cancellationToken)
    {
        var path = input.Path;
        var requestId = input.RequestContext?.RequestId;

        if (!string.Equals(input.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(context, Problems.WrongMethod(path, requestId));
        }

        if (!JsonMediaType.IsAcceptable(input.GetHeader(ContentTypeHeader)))
        {
            return Reject(context, Problems.WrongMediaType(path, requestId));
        }

        if (!TryDecodeBody(input, out var body))
        {
            return Reject(context, Problems.Invalid([new ProblemError("", null, "is not valid base64")], path, requestId));
        }

        if (body.Length > OrderRules.MaxBodyBytes)
        {
            return Reject(context, Problems.TooLarge(path, requestId));
        }

        var keyIsValid = IdempotencyKeyHeader.TryRead(input, out var key, out var keyError);
        if (!OrderRequest.TryParse(body, out var order, out var errors) || !keyIsValid)
        {
            var problems = new List<ProblemError>(errors.Count + 1);
            if (keyError is not null)
            {
                problems.Add(keyError);
            }

            problems.AddRange(errors.Select(ProblemError.InBody));
            return Reject(context, Problems.Invalid(problems, path, requestId));
        }

        // With a key the id is derived from it, so every message sent for the key carries the same id, and the consumer's
        // conditional write stores it once even when the outcome of a send was unknown and the client retried.
        var orderId = key is { } idempotencyKey
            ? OrderId.FromIdempotencyKey(order.CustomerId, idempotencyKey)
            : OrderId.New(time);
        activity?.SetTag(ProducerTelemetry.OrderIdTag, orderId.ToString());
        if (cancellationToken.IsCancellationRequested)
        {
            // The deadline came before anything was sent or claimed: nothing was accepted, certainly.
            return ApiResponses.Problem(Problems.Unavailable(path, requestId));
        }

        IdempotencyRecord? record = null;
        if (key is { } claimedKey)
        {
            record = IdempotencyRecord.For(order, claimedKey, orderId);
            var answer = await ClaimAsync(record.Value, input, context, cancellationToken).ConfigureAwait(false);
            if (answer is not null)
            {
                return answer;
            }
        }

        var message = new OrderMessage(orderId, time.GetUtcNow(), order);
        SendMessageResponse sent;
        try
        {
            sent = await sqs.SendMessageAsync(
                new SendMessageRequest { QueueUrl = settings.QueueUrl.OriginalString, MessageBody = message.ToJson() },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsCallFailure.IsAwsCallFailure(ex))
        {
            activity?.AddException(ex);
            var kind = AwsCallFailure.Classify(ex);
            if (record is { } unsent)
            {
                await SettleAsync(
                    kind == FailureKind.OutcomeUnknown ? idempotency.ReleaseAsync : idempotency.DeleteAsync, unsent, context)
                    .ConfigureAwait(false);
            }

            return Failed(kind, "SendMessage", ex, orderId, key, input, context);
        }

        if (record is { } accepted)
        {
            // A failure here leaves the key in progress until this invocation's deadline; a retry after it sends again,
            // with the same order id, and the consumer's conditional write absorbs the second message.
            await SettleAsync(idempotency.CompleteAsync, accepted, context).ConfigureAwait(false);
        }

        context.Logger.Info(
            "Order accepted",
            ("orderId", orderId.ToString()),
            ("messageId", sent.MessageId),
            ("idempotent", key is not null),
            ("items", order.Items.Count),
            ("currency", order.Currency),
            ("total", order.Total));
        return ApiResponses.Accepted(orderId);
    }

    /// <summary>Claims the key; null when this request holds it now, else the answer to give instead of sending.</summary>
    private async Task<ApiGatewayProxyResponse?> ClaimAsync(
        IdempotencyRecord record, ApiGatewayProxyRequest input, ILambdaContext context, CancellationToken cancellationToken)
    {
        var (path, requestId) = (input.Path, input.RequestContext?.RequestId);
        IdempotencyClaim claim;
        try
        {
            claim = await idempotency.ClaimAsync(record, context.Deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsCallFailure.IsAwsCallFailure(ex))
        {
            // Nothing was sent, so even a claim whose fate is unknown leaves the order certainly not accepted.
            var kind = AwsCallFailure.Classify(ex) == FailureKind.NotRetryable ? FailureKind.NotRetryable : FailureKind.Retryable;
            return Failed(kind, "ClaimIdempotencyKey", ex, record.OrderId, null, input, context);
        }

        switch (claim.Outcome)
        {
            case ClaimOutcome.Completed:
                context.Logger.Info("Order replayed", ("orderId", record.OrderId.ToString()));
                return ApiResponses.Accepted(record.OrderId, replayed: true);
            case ClaimOutcome.DifferentOrder:
                return Reject(context, Problems.Reused(path, requestId));
            case ClaimOutcome.InProgress:
                var wait = claim.LockedUntil - time.GetUtcNow();
                return Reject(context, Problems.InUse(path, requestId), (int)Math.Ceiling(wait.TotalSeconds));
            default:
                return null;
        }
    }

    /// <summary>Runs a write that settles the key's record; a failure is logged and leaves the lock to expire.</summary>
    private async Task SettleAsync(
        Func<IdempotencyRecord, CancellationToken, Task> write, IdempotencyRecord record, ILambdaContext context)
    {
        var budget = context.RemainingTime - SettleMargin;
        using var settling = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, time);
        try
        {
            await write(record, settling.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsCallFailure.IsAwsCallFailure(ex))
        {
            context.Logger.Warn(
                "The Idempotency-Key record could not be updated; it stays locked until the invocation's deadline",
                ("orderId", record.OrderId.ToString()),
                ("errorCode", AwsCallFailure.Code(ex)));
        }
    }

    /// <summary>The answer to a failed AWS call, logged for the operator (and counted when only an operator can help).</summary>
    private ApiGatewayProxyResponse Failed(
        FailureKind kind, string operation, Exception ex, OrderId orderId, IdempotencyKey? key, ApiGatewayProxyRequest input,
        ILambdaContext context)
    {
        var (path, requestId) = (input.Path, input.RequestContext?.RequestId);
        var errorCode = AwsCallFailure.Code(ex);
        switch (kind)
        {
            case FailureKind.Retryable:
                context.Logger.Warn(
                    "The order was not accepted; the client may retry", ("operation", operation), ("orderId", orderId.ToString()), ("errorCode", errorCode));
                return ApiResponses.Problem(Problems.Unavailable(path, requestId));
            case FailureKind.OutcomeUnknown:
                context.Logger.Error(
                    ex,
                    "It is not known whether the order was accepted",
                    ("operation", operation),
                    ("orderId", orderId.ToString()),
                    ("idempotencyKey", key?.Value),
                    ("errorCode", errorCode));
                return ApiResponses.Problem(Problems.Unknown(path, requestId));
            default:
                context.Logger.Error(
                    ex,
                    "The service cannot accept orders until it is fixed",
                    ("operation", operation),
                    ("orderId", orderId.ToString()),
                    ("errorCode", errorCode));
                metrics.Emit(
                    settings.MetricsNamespace,
                    [],
                    [new Metric(NonRetryableFailuresMetric, 1, MetricUnit.Count)],
                    [("operation", operation), ("errorCode", errorCode)]);
                return ApiResponses.Problem(Problems.Internal(path, requestId));
        }
    }

    private static bool TryDecodeBody(ApiGatewayProxyRequest input, out byte[] body)
    {
        try
        {
            body = input.DecodeBody();
            return true;
        }
        catch (FormatException)
        {
            body = [];
            return false;
        }
    }

    private static ApiGatewayProxyResponse Reject(ILambdaContext context, ProblemDetails problem, int retryAfterSeconds = ApiResponses.RetryAfterSeconds)
    {
        context.Logger.Info(
            "Order rejected",
            ("status", problem.Status),
            ("problemType", problem.Type),
            ("errors", problem.Errors.Count));
        return ApiResponses.Problem(problem, retryAfterSeconds);
    }
}

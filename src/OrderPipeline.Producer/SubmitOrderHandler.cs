using System.Diagnostics;
using Amazon.Runtime;
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
/// acknowledged the message. An optional <c>Idempotency-Key</c> header makes the order id a function of the key and
/// the customer, so retries name the same order. Invalid input gets a problem document naming every broken rule and
/// sends nothing; a queue that still fails after the SDK's retries gets <c>503</c> with <c>Retry-After</c>.
/// The work runs in a <c>SubmitOrder</c> activity under the invocation's trace (Lambda's function segment is its
/// parent), tagged with the order id and the HTTP status; the SQS call made inside it is traced by the SDK hook, which
/// carries the trace to the consumer in the message's <c>AWSTraceHeader</c>.
/// </summary>
internal sealed class SubmitOrderHandler(ProducerSettings settings, IAmazonSQS sqs, TimeProvider time)
    : ILambdaHandler<ApiGatewayProxyRequest, ApiGatewayProxyResponse>
{
    private const string ContentTypeHeader = "Content-Type";

    public async Task<ApiGatewayProxyResponse> HandleAsync(
        ApiGatewayProxyRequest input, ILambdaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var parent = TraceHeader.TryParse(context.TraceHeader, out var trace) ? trace.ToActivityContext() : default;
        using var activity = ProducerTelemetry.Source.StartActivity(
            ProducerTelemetry.SubmitOrder, ActivityKind.Internal, parent);
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

        // With a key the id is derived from it, so a client retrying after a timeout gets the order it already has, and
        // its second message carries the same id for the consumer's conditional write to absorb. The answer cannot say
        // whether this was a replay: that would need state the producer deliberately does not keep.
        var orderId = key is { } idempotencyKey
            ? OrderId.FromIdempotencyKey(order.CustomerId, idempotencyKey)
            : OrderId.New(time);
        var message = new OrderMessage(orderId, time.GetUtcNow(), order);
        activity?.SetTag(ProducerTelemetry.OrderIdTag, message.OrderId.ToString());
        try
        {
            var sent = await sqs.SendMessageAsync(
                new SendMessageRequest { QueueUrl = settings.QueueUrl.OriginalString, MessageBody = message.ToJson() },
                cancellationToken).ConfigureAwait(false);
            context.Logger.Info(
                "Order accepted",
                ("orderId", message.OrderId.ToString()),
                ("messageId", sent.MessageId),
                ("idempotent", key is not null),
                ("items", order.Items.Count),
                ("currency", order.Currency),
                ("total", order.Total));
            return ApiResponses.Accepted(message.OrderId);
        }
        catch (Exception ex) when (IsQueueFailure(ex))
        {
            activity?.AddException(ex);
            context.Logger.Error(
                ex,
                "The order could not be queued",
                ("orderId", message.OrderId.ToString()),
                ("errorCode", (ex as AmazonServiceException)?.ErrorCode));
            return ApiResponses.Problem(Problems.Unavailable(path, requestId));
        }
    }

    /// <summary>
    /// Failures that mean "SQS did not take the message": service errors left after the SDK's retries, client-side
    /// errors (credentials, digest mismatches), the network, and time-outs or the invocation's deadline.
    /// </summary>
    private static bool IsQueueFailure(Exception ex) => ex
        is AmazonServiceException
        or AmazonClientException
        or HttpRequestException
        or IOException
        or TimeoutException
        or OperationCanceledException;

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

    private static ApiGatewayProxyResponse Reject(ILambdaContext context, ProblemDetails problem)
    {
        context.Logger.Info(
            "Order rejected",
            ("status", problem.Status),
            ("problemType", problem.Type),
            ("errors", problem.Errors.Count));
        return ApiResponses.Problem(problem);
    }
}

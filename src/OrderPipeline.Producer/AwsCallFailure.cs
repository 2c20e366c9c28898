using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using OrderPipeline.Tracing.AwsSdk;

namespace OrderPipeline.Producer;

/// <summary>What a failed AWS call, after the SDK's own retries, means for the request that made it.</summary>
internal enum FailureKind
{
    /// <summary>The service certainly did not act, and a later retry can succeed: throttling, a 5xx, no connection.</summary>
    Retryable,

    /// <summary>
    /// The request may have reached the service and been acted on: a time-out, or a connection lost after the request
    /// was written, or an answer that could not be read.
    /// </summary>
    OutcomeUnknown,

    /// <summary>
    /// The service refused the request for a reason no retry fixes until someone changes something: a missing
    /// permission, a queue or table that does not exist, no credentials, a malformed request.
    /// </summary>
    NotRetryable,
}

/// <summary>Sorts the exceptions an AWS SDK call ends with into <see cref="FailureKind"/>s.</summary>
internal static class AwsCallFailure
{
    /// <summary>True for the exceptions an AWS call fails with (service, client, network, time-out); false for bugs.</summary>
    public static bool IsAwsCallFailure(Exception exception) => exception
        is AmazonServiceException
        or AmazonClientException
        or HttpRequestException
        or IOException
        or SocketException
        or TimeoutException
        or OperationCanceledException;

    /// <summary>
    /// Classifies a failure of a call that was started (not one refused before it began). A transport failure anywhere
    /// in the chain of inner exceptions decides first: only a connection never made proves the request was not sent.
    /// Then the service's answer: 5xx and throttling (the SDK's throttling codes, <see cref="ThrottlingErrorCodes"/>) are retryable; any other 4xx, and client-side errors such as
    /// missing credentials, are not.
    /// </summary>
    public static FailureKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }:
                    return FailureKind.Retryable;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable }:
                    return FailureKind.Retryable;
                case HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException:
                    return FailureKind.OutcomeUnknown;
            }
        }

        return exception switch
        {
            AmazonServiceException service when ThrottlingErrorCodes.IsThrottling(service) || (int)service.StatusCode >= 500 => FailureKind.Retryable,
            AmazonServiceException { StatusCode: >= HttpStatusCode.BadRequest } => FailureKind.NotRetryable,

            // An error answer the SDK could not map to a status (none was received): the request's fate is unknown.
            AmazonServiceException => FailureKind.OutcomeUnknown,
            _ => FailureKind.NotRetryable,
        };
    }

    /// <summary>The service's error code, or the exception's type for a failure that has none (for logs and metrics).</summary>
    public static string Code(Exception exception) =>
        exception is AmazonServiceException { ErrorCode: { Length: > 0 } code } ? code : exception.GetType().Name;
}

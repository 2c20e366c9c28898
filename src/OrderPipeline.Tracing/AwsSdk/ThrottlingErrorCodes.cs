using System.Collections.Frozen;
using System.Net;
using Amazon.Runtime;

namespace OrderPipeline.Tracing.AwsSdk;

/// <summary>
/// The AWS error codes that mean "throttled", whatever the HTTP status (DynamoDB's
/// <c>ProvisionedThroughputExceededException</c> and SQS's <c>RequestThrottled</c> come with 400, not 429): the list the
/// AWS SDK for .NET retries as throttling (<c>Amazon.Runtime.RetryPolicy.ThrottlingErrorCodes</c>), which is the
/// throttling error list of the AWS SDKs' standard retry mode
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
/// </summary>
public static class ThrottlingErrorCodes
{
    private static readonly FrozenSet<string> Codes = FrozenSet.Create(
        StringComparer.Ordinal,
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException");

    /// <summary>True when <paramref name="errorCode"/> is one of the throttling codes (ordinal). Never throws.</summary>
    public static bool Contains(string? errorCode) => errorCode is not null && Codes.Contains(errorCode);

    /// <summary>
    /// True when the service throttled the call: a throttling error code, the SDK's own <c>Retryable.Throttling</c>
    /// mark, or HTTP 429. Never throws.
    /// </summary>
    public static bool IsThrottling(AmazonServiceException exception) =>
        exception is not null
        && (Contains(exception.ErrorCode) || exception.Retryable?.Throttling == true || exception.StatusCode == HttpStatusCode.TooManyRequests);
}

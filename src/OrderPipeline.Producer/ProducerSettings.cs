using System.Globalization;
using OrderPipeline.Lambda;

namespace OrderPipeline.Producer;

/// <summary>The producer's configuration, read once at start-up.</summary>
/// <param name="QueueUrl">The orders queue, from <c>ORDERS_QUEUE_URL</c>.</param>
/// <param name="IdempotencyTableName">
/// The DynamoDB table of Idempotency-Key records, from <c>IDEMPOTENCY_TABLE_NAME</c>.
/// </param>
/// <param name="IdempotencyKeyLifetime">
/// How long a completed key answers replays, from <c>IDEMPOTENCY_KEY_HOURS</c> (1–720, default 24): the record's
/// expiry, which the table's time to live deletes after (DynamoDB deletes expired items within a few days; the
/// producer ignores an expired record that is still there).
/// </param>
/// <param name="MetricsNamespace">The CloudWatch namespace of its metrics, from <c>METRICS_NAMESPACE</c>.</param>
internal sealed record ProducerSettings(
    Uri QueueUrl, string IdempotencyTableName, TimeSpan IdempotencyKeyLifetime, string MetricsNamespace)
{
    internal const string QueueUrlVariable = "ORDERS_QUEUE_URL";
    internal const string IdempotencyTableNameVariable = "IDEMPOTENCY_TABLE_NAME";
    internal const string IdempotencyKeyHoursVariable = "IDEMPOTENCY_KEY_HOURS";
    internal const string MetricsNamespaceVariable = "METRICS_NAMESPACE";
    internal const string DefaultMetricsNamespace = "OrderPipeline";
    internal const int DefaultIdempotencyKeyHours = 24;
    internal const int MaxIdempotencyKeyHours = 720;

    /// <summary>Reads the settings; throws naming the variable when one is missing or malformed.</summary>
    public static ProducerSettings From(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        return new ProducerSettings(
            ReadQueueUrl(getEnvironmentVariable),
            EnvironmentSettings.DynamoDbTableName(getEnvironmentVariable, IdempotencyTableNameVariable, "idempotency key"),
            ReadKeyLifetime(getEnvironmentVariable),
            EnvironmentSettings.MetricsNamespace(getEnvironmentVariable, MetricsNamespaceVariable, DefaultMetricsNamespace));
    }

    private static Uri ReadQueueUrl(Func<string, string?> getEnvironmentVariable)
    {
        var queueUrl = getEnvironmentVariable(QueueUrlVariable);
        if (string.IsNullOrWhiteSpace(queueUrl))
        {
            throw new InvalidOperationException($"{QueueUrlVariable} is not set: it must hold the URL of the orders queue.");
        }

        if (!Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{QueueUrlVariable} is not an absolute http(s) URL: '{queueUrl}'.");
        }

        return uri;
    }

    private static TimeSpan ReadKeyLifetime(Func<string, string?> getEnvironmentVariable)
    {
        var text = getEnvironmentVariable(IdempotencyKeyHoursVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromHours(DefaultIdempotencyKeyHours);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours is < 1 or > MaxIdempotencyKeyHours)
        {
            throw new InvalidOperationException(
                $"{IdempotencyKeyHoursVariable} must be a whole number of hours from 1 to {MaxIdempotencyKeyHours}: '{text}'.");
        }

        return TimeSpan.FromHours(hours);
    }
}

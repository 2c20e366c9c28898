using OrderPipeline.Contracts;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Consumer;

/// <summary>
/// The work done for one order: it is stored once (<see cref="IOrderStore"/>), then one structured log line records
/// it and one Embedded Metric Format document publishes <c>OrdersProcessed</c> (Count) and <c>OrderValue</c> per
/// currency. A delivery of an order already stored changes nothing and counts as <c>DuplicatesAbsorbed</c>, so the
/// metrics count orders, not deliveries; a different order under a stored id (an Idempotency-Key reused) changes
/// nothing either, and is logged as an error and counted as <c>IdempotencyConflicts</c>. The customer id is stored but never logged nor used as a dimension.
/// </summary>
internal sealed class OrderProcessor(ConsumerSettings settings, IOrderStore store, IMetricsLogger metrics, TimeProvider time)
{
    public const string OrdersProcessedMetric = "OrdersProcessed";
    public const string OrderValueMetric = "OrderValue";
    public const string DuplicatesAbsorbedMetric = "DuplicatesAbsorbed";
    public const string IdempotencyConflictsMetric = "IdempotencyConflicts";
    public const string CurrencyDimension = "Currency";

    /// <param name="message">The order message.</param>
    /// <param name="record">The SQS record that carried it.</param>
    /// <param name="upstreamTraceId">The producer's trace id from the record's AWSTraceHeader, logged on each line; null when none.</param>
    /// <param name="context">The invocation.</param>
    /// <param name="cancellationToken">The invocation's deadline.</param>
    public async Task ProcessAsync(
        OrderMessage message, SqsMessage record, string? upstreamTraceId, ILambdaContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var orderId = message.OrderId.ToString();
        var messageId = record.MessageId ?? string.Empty;
        switch (await store.TryAddAsync(message, messageId, now, cancellationToken).ConfigureAwait(false))
        {
            case StoreOutcome.AlreadyStored:
                context.Logger.Info(
                    "Order already stored: duplicate delivery absorbed",
                    ("orderId", orderId),
                    ("messageId", messageId),
                    ("upstreamTraceId", upstreamTraceId));
                Count(DuplicatesAbsorbedMetric, orderId, messageId);
                return;
            case StoreOutcome.ConflictingOrder:
                // Retrying cannot help (the id is taken), so the record succeeds; the error and the metric make it seen.
                context.Logger.Error(
                    null,
                    "Another order with this id is already stored: an Idempotency-Key was reused for a different order; the first order stands",
                    ("orderId", orderId),
                    ("messageId", messageId),
                    ("upstreamTraceId", upstreamTraceId));
                Count(IdempotencyConflictsMetric, orderId, messageId);
                return;
        }

        var order = message.Order;
        var total = order.Total;
        context.Logger.Info(
            "Order processed",
            ("orderId", orderId),
            ("messageId", messageId),
            ("upstreamTraceId", upstreamTraceId),
            ("currency", order.Currency),
            ("items", order.Items.Count),
            ("total", total),
            ("sinceAcceptedMs", (long)(now - message.AcceptedAt).TotalMilliseconds));
        metrics.Emit(
            settings.MetricsNamespace,
            [new MetricDimension(CurrencyDimension, order.Currency)],
            [new Metric(OrdersProcessedMetric, 1, MetricUnit.Count), new Metric(OrderValueMetric, (double)total)],
            [("orderId", orderId), ("messageId", messageId)]);
    }

    private void Count(string metric, string orderId, string messageId) => metrics.Emit(
        settings.MetricsNamespace, [], [new Metric(metric, 1, MetricUnit.Count)], [("orderId", orderId), ("messageId", messageId)]);
}

/// <summary>The consumer's configuration, read once at start-up.</summary>
/// <param name="MetricsNamespace">The CloudWatch namespace of its metrics, from <c>METRICS_NAMESPACE</c>.</param>
/// <param name="OrdersTableName">The DynamoDB table that holds processed orders, from <c>ORDERS_TABLE_NAME</c>.</param>
internal sealed record ConsumerSettings(string MetricsNamespace, string OrdersTableName)
{
    internal const string MetricsNamespaceVariable = "METRICS_NAMESPACE";
    internal const string OrdersTableNameVariable = "ORDERS_TABLE_NAME";
    internal const string DefaultMetricsNamespace = "OrderPipeline";

    /// <summary>Reads the settings; throws naming the variable when one is missing or malformed.</summary>
    public static ConsumerSettings From(Func<string, string?> getEnvironmentVariable) => new(
        EnvironmentSettings.MetricsNamespace(getEnvironmentVariable, MetricsNamespaceVariable, DefaultMetricsNamespace),
        EnvironmentSettings.DynamoDbTableName(getEnvironmentVariable, OrdersTableNameVariable, "orders"));
}

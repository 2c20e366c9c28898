using OrderPipeline.Contracts;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Lambda.Metrics;

namespace OrderPipeline.Consumer;

/// <summary>
/// The work done for one order: its total is computed, one structured log line records it, and one Embedded Metric
/// Format document publishes <c>OrdersProcessed</c> (Count) and <c>OrderValue</c> per currency.
/// </summary>
internal sealed class OrderProcessor(ConsumerSettings settings, IMetricsLogger metrics, TimeProvider time)
{
    public const string OrdersProcessedMetric = "OrdersProcessed";
    public const string OrderValueMetric = "OrderValue";
    public const string CurrencyDimension = "Currency";

    public void Process(OrderMessage message, SqsMessage record, ILambdaContext context)
    {
        var order = message.Order;
        var total = order.Total;
        var orderId = message.OrderId.ToString();
        var waitedMs = (long)(time.GetUtcNow() - message.AcceptedAt).TotalMilliseconds;
        context.Logger.Info(
            "Order processed",
            ("orderId", orderId),
            ("messageId", record.MessageId),
            ("customerId", order.CustomerId),
            ("currency", order.Currency),
            ("items", order.Items.Count),
            ("total", total),
            ("sinceAcceptedMs", waitedMs));
        metrics.Emit(
            settings.MetricsNamespace,
            [new MetricDimension(CurrencyDimension, order.Currency)],
            [new Metric(OrdersProcessedMetric, 1, MetricUnit.Count), new Metric(OrderValueMetric, (double)total)],
            [("orderId", orderId), ("messageId", record.MessageId)]);
    }
}

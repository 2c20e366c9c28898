using OrderPipeline.Consumer;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Tracing;
using OrderPipeline.Tracing.Otlp;

// The composition root, run once at cold start: tracing first (it hooks every AWS client created after it), then the
// settings and the one DynamoDB client of the process (DynamoDbOrderStore.CreateClient).
TracingSession? tracing = null;
try
{
    return await LambdaHost.RunAsync(
        startup =>
        {
            tracing = FunctionTracing.Start(
                startup.GetEnvironmentVariable,
                [ConsumerTelemetry.SourceName],
                ConsumerTelemetry.AnnotationKeys,
                FunctionTrigger.Sqs,
                ConsumerTelemetry.OtlpAttributeNames,
                problem => startup.Logger.Warn("Tracing problem", ("problem", problem)));
            startup.Observe(tracing);
            var settings = ConsumerSettings.From(startup.GetEnvironmentVariable);
            var store = new DynamoDbOrderStore(DynamoDbOrderStore.CreateClient(), settings.OrdersTableName);
            var processor = new OrderProcessor(settings, store, startup.Metrics, startup.Time);
            return new ProcessOrdersHandler(processor, startup.Time);
        },
        LambdaEventsJsonContext.Default.SqsEvent,
        LambdaEventsJsonContext.Default.SqsBatchResponse).ConfigureAwait(false);
}
finally
{
    tracing?.Dispose();
}

using OrderPipeline.Consumer;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;

// The composition root: settings are read once, at cold start.
return await LambdaHost.RunAsync(
    startup => new ProcessOrdersHandler(
        new OrderProcessor(ConsumerSettings.From(startup.GetEnvironmentVariable), startup.Metrics, startup.Time)),
    LambdaEventsJsonContext.Default.SqsEvent,
    LambdaEventsJsonContext.Default.SqsBatchResponse).ConfigureAwait(false);

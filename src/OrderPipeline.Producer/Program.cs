using Amazon.SQS;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Producer;
using OrderPipeline.Tracing;

// The composition root, run once at cold start. Tracing starts first: it registers the AWS SDK hook, which only
// customises clients created after it. Then the settings are read and the one SQS client of the process is created;
// its endpoint is the SDK's own resolution, so AWS_ENDPOINT_URL_SQS points it at a local endpoint.
IDisposable? tracing = null;
try
{
    return await LambdaHost.RunAsync(
        startup =>
        {
            tracing = XRayTracing.Start(
                startup.GetEnvironmentVariable,
                [ProducerTelemetry.SourceName],
                ProducerTelemetry.AnnotationKeys,
                problem => startup.Logger.Warn("Tracing problem", ("problem", problem)));
            return new SubmitOrderHandler(
                ProducerSettings.From(startup.GetEnvironmentVariable),
                new AmazonSQSClient(),
                startup.Time);
        },
        LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
        LambdaEventsJsonContext.Default.ApiGatewayProxyResponse).ConfigureAwait(false);
}
finally
{
    tracing?.Dispose();
}

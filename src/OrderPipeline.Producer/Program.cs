using Amazon.DynamoDBv2;
using Amazon.SQS;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Producer;
using OrderPipeline.Tracing;
using OrderPipeline.Tracing.Otlp;

// The composition root, run once at cold start. Tracing starts first: it registers the AWS SDK hook, which only
// customises clients created after it. Then the settings are read and the one SQS and one DynamoDB client of the
// process are created (ProducerClients: their time budget); their endpoints are the SDK's own resolution, so
// AWS_ENDPOINT_URL_SQS and AWS_ENDPOINT_URL_DYNAMODB point them at local endpoints.
TracingSession? tracing = null;
try
{
    return await LambdaHost.RunAsync(
        startup =>
        {
            tracing = FunctionTracing.Start(
                startup.GetEnvironmentVariable,
                [ProducerTelemetry.SourceName],
                ProducerTelemetry.AnnotationKeys,
                FunctionTrigger.Http,
                reportProblem: problem => startup.Logger.Warn("Tracing problem", ("problem", problem)));
            startup.Observe(tracing);
            var settings = ProducerSettings.From(startup.GetEnvironmentVariable);
            return new SubmitOrderHandler(
                settings,
                new AmazonSQSClient(ProducerClients.SqsConfig()),
                new IdempotencyStore(
                    new AmazonDynamoDBClient(ProducerClients.DynamoDbConfig()),
                    settings.IdempotencyTableName,
                    settings.IdempotencyKeyLifetime,
                    startup.Time),
                startup.Metrics,
                startup.Time);
        },
        LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
        LambdaEventsJsonContext.Default.ApiGatewayProxyResponse).ConfigureAwait(false);
}
finally
{
    tracing?.Dispose();
}

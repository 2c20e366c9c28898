using Amazon.SQS;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Producer;

// The composition root: settings are read and the one SQS client of the process is created once, at cold start.
// The SQS endpoint is the SDK's own resolution, so AWS_ENDPOINT_URL_SQS points it at a local endpoint.
return await LambdaHost.RunAsync(
    startup => new SubmitOrderHandler(
        ProducerSettings.From(startup.GetEnvironmentVariable),
        new AmazonSQSClient(),
        startup.Time),
    LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
    LambdaEventsJsonContext.Default.ApiGatewayProxyResponse).ConfigureAwait(false);

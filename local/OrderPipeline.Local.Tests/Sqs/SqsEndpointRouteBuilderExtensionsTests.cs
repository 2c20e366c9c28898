using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed class SqsEndpointRouteBuilderExtensionsTests
{
    [Fact]
    public async Task MapSqs_OnARoutedApp_ServesTheSqsProtocol()
    {
        using var service = new SqsService(SqsServiceSettings.Default);
        service.CreateQueue("orders");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapSqs(service);
        await app.StartAsync();
        var serviceUrl = app.Urls.Single();
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        var queueUrl = (await sqs.GetQueueUrlAsync("orders")).QueueUrl;
        await sqs.SendMessageAsync(queueUrl, "body");
        var received = await sqs.ReceiveMessageAsync(queueUrl);
        await app.StopAsync();

        Assert.Equal(SqsService.QueueUrl(serviceUrl.TrimEnd('/'), "orders"), queueUrl);
        Assert.Equal("body", Assert.Single(received.Messages).Body);
    }
}

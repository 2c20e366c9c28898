using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Stack;

/// <summary>The local SQS endpoint on 127.0.0.1, with the template's queues created in it.</summary>
internal sealed class LocalSqsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalSqsHost(WebApplication app, SqsService service, SqsTraffic traffic, string serviceUrl)
    {
        _app = app;
        Service = service;
        Traffic = traffic;
        ServiceUrl = serviceUrl;
    }

    public SqsService Service { get; }

    /// <summary>Counts of what the endpoint has accepted.</summary>
    public SqsTraffic Traffic { get; }

    /// <summary>The value for <c>AWS_ENDPOINT_URL_SQS</c>.</summary>
    public string ServiceUrl { get; }

    /// <summary>Starts the endpoint on <paramref name="port"/> (0 picks a free port), injecting <paramref name="faults"/>.</summary>
    public static Task<LocalSqsHost> StartAsync(int port, SqsFaultRates? faults, CancellationToken cancellationToken) =>
        StartAsync(port, faults, null, cancellationToken);

    /// <summary>
    /// Starts the endpoint on <paramref name="port"/> (0 picks a free port), injecting <paramref name="faults"/> (none
    /// when null); <paramref name="observer"/>, when given, sees every request and accepted message after
    /// <see cref="Traffic"/> has counted it.
    /// </summary>
    public static async Task<LocalSqsHost> StartAsync(
        int port, SqsFaultRates? faults, ISqsServiceObserver? observer, CancellationToken cancellationToken)
    {
        // The empty builder with Kestrel alone: no configuration sources, logging, host filtering or routing on the
        // path of every request (the service answers every method and path itself).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var traffic = new SqsTraffic();
        var service = new SqsService(
            SqsServiceSettings.Default with { FaultRates = faults ?? SqsFaultRates.None },
            TimeProvider.System,
            observer is null ? traffic : new SqsObserverPair(traffic, observer));
        app.Run(service.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new LocalSqsHost(app, service, traffic, $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}");
    }

    /// <summary>
    /// Creates the template's queues, dead-letter targets first so that redrive policies name existing queues;
    /// <paramref name="visibilityTimeout"/>, when given, replaces each queue's VisibilityTimeout.
    /// </summary>
    public void CreateQueues(LocalTemplate template, TimeSpan? visibilityTimeout = null)
    {
        var queues = template.Queues.OrderBy(queue => queue.RedrivePolicy is null ? 0 : 1);
        foreach (var queue in queues)
        {
            var redrive = queue.RedrivePolicy is { } policy
                ? new SqsRedrivePolicy(policy.DeadLetterTargetArn, policy.MaxReceiveCount)
                : null;
            Service.CreateQueue(
                queue.LogicalId,
                new SqsQueueSettings(
                    visibilityTimeout ?? TimeSpan.FromSeconds(queue.VisibilityTimeout),
                    TimeSpan.FromSeconds(queue.MessageRetentionPeriod),
                    redrive));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Service.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

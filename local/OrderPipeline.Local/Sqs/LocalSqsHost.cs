using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Sqs;

/// <summary>The local SQS endpoint on 127.0.0.1, with the template's queues created in it.</summary>
internal sealed class LocalSqsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StrongBox<long> _accepted;

    private LocalSqsHost(WebApplication app, SqsService service, StrongBox<long> accepted, string serviceUrl)
    {
        _app = app;
        _accepted = accepted;
        Service = service;
        ServiceUrl = serviceUrl;
    }

    public SqsService Service { get; }

    /// <summary>Messages accepted by SendMessage and SendMessageBatch, on every queue. Thread-safe.</summary>
    public long MessagesAccepted => Interlocked.Read(ref _accepted.Value);

    /// <summary>The value for <c>AWS_ENDPOINT_URL_SQS</c>.</summary>
    public string ServiceUrl { get; }

    /// <summary>Starts the endpoint on <paramref name="port"/> (0 picks a free port), injecting <paramref name="faults"/>.</summary>
    public static Task<LocalSqsHost> StartAsync(int port, SqsFaultRates? faults, CancellationToken cancellationToken) =>
        StartAsync(port, faults, null, cancellationToken);

    /// <summary>
    /// Starts the endpoint on <paramref name="port"/> (0 picks a free port), injecting <paramref name="faults"/> (none
    /// when null); <paramref name="events"/>, when given, sees every request and accepted message after
    /// <see cref="MessagesAccepted"/> has counted it.
    /// </summary>
    public static async Task<LocalSqsHost> StartAsync(
        int port, SqsFaultRates? faults, SqsEvents? events, CancellationToken cancellationToken)
    {
        // The empty builder with Kestrel alone: no configuration sources, logging, host filtering or routing on the
        // path of every request (the service answers every method and path itself).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var accepted = new StrongBox<long>();
        var counter = new SqsEvents { MessageAccepted = _ => Interlocked.Increment(ref accepted.Value) };
        var service = new SqsService(
            SqsServiceSettings.Default with { FaultRates = faults ?? SqsFaultRates.None },
            TimeProvider.System,
            SqsEvents.Combine(counter, events));
        app.Run(service.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new LocalSqsHost(app, service, accepted, $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}");
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
            Service.CreateQueue(
                queue.Name,
                new SqsQueueSettings(
                    visibilityTimeout ?? TimeSpan.FromSeconds(queue.VisibilityTimeout),
                    TimeSpan.FromSeconds(queue.MessageRetentionPeriod),
                    queue.RedrivePolicy,
                    TimeSpan.FromSeconds(queue.DelaySeconds),
                    TimeSpan.FromSeconds(queue.ReceiveMessageWaitTimeSeconds),
                    queue.MaximumMessageSize));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Service.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

public static class SqsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Routes every request of every method and path to <paramref name="service"/>, which answers non-SQS requests with
    /// AWS-shaped errors; meant for a Kestrel port of its own, as SQS is at its own host name.
    /// </summary>
    public static IEndpointConventionBuilder MapSqs(this IEndpointRouteBuilder endpoints, SqsService service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        return endpoints.Map("/{**path}", service.HandleAsync);
    }
}

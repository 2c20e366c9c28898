using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.DynamoDb;

/// <summary>The local DynamoDB endpoint on 127.0.0.1, with the template's tables created in it.</summary>
internal sealed class LocalDynamoDbHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalDynamoDbHost(WebApplication app, DynamoDbService service, string serviceUrl)
    {
        _app = app;
        Service = service;
        ServiceUrl = serviceUrl;
    }

    public DynamoDbService Service { get; }

    /// <summary>The value for <c>AWS_ENDPOINT_URL_DYNAMODB</c>.</summary>
    public string ServiceUrl { get; }

    /// <summary>Starts the endpoint on <paramref name="port"/> (0 picks a free port) for <paramref name="region"/>.</summary>
    public static Task<LocalDynamoDbHost> StartAsync(int port, string region, CancellationToken cancellationToken) =>
        StartAsync(port, region, null, null, cancellationToken);

    /// <summary>
    /// Starts the endpoint on <paramref name="port"/> (0 picks a free port) for <paramref name="region"/>, injecting
    /// <paramref name="faults"/> (none when null) and reporting to <paramref name="events"/> (none when null).
    /// </summary>
    public static async Task<LocalDynamoDbHost> StartAsync(
        int port,
        string region,
        DynamoDbFaultRates? faults,
        DynamoDbEvents? events,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var service = new DynamoDbService(
            new DynamoDbServiceSettings(region, faults ?? DynamoDbFaultRates.None), TimeProvider.System, events);
        app.MapDynamoDb(service);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new LocalDynamoDbHost(app, service, $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}");
    }

    /// <summary>Creates the template's tables, named as the local account names them.</summary>
    public void CreateTables(LocalTemplate template)
    {
        foreach (var table in template.Tables)
        {
            Service.CreateTable(new DynamoDbTableDefinition(
                table.Name,
                Key(table.PartitionKey),
                table.SortKey is { } sort ? Key(sort) : null));
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static DynamoDbKeyElement Key(TableKey key) =>
        new(key.AttributeName, Enum.Parse<DynamoDbKeyType>(key.AttributeType));
}

public static class DynamoDbEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Routes every request of every method and path to <paramref name="service"/>, which answers non-DynamoDB requests
    /// with DynamoDB-shaped errors; meant for a Kestrel port of its own, as DynamoDB is at its own host name.
    /// </summary>
    public static IEndpointConventionBuilder MapDynamoDb(this IEndpointRouteBuilder endpoints, DynamoDbService service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        return endpoints.Map("/{**path}", service.HandleAsync);
    }
}

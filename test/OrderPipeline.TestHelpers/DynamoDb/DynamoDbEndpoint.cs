using System.Net;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OrderPipeline.Local.DynamoDb;

namespace OrderPipeline.TestHelpers.DynamoDb;

/// <summary>
/// The local <see cref="DynamoDbService"/> on loopback (Kestrel, a free port) for tests, recording every request and
/// item change; <see cref="Client"/> is the real AWSSDK.DynamoDBv2 client pointed at it, with retries off.
/// </summary>
public sealed class DynamoDbEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DynamoDbEndpointRecorder _recorder;

    private DynamoDbEndpoint(WebApplication app, DynamoDbService service, DynamoDbEndpointRecorder recorder)
    {
        _app = app;
        _recorder = recorder;
        Service = service;
        ServiceUrl = $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}";
    }

    public DynamoDbService Service { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, without a trailing slash.</summary>
    public string ServiceUrl { get; }

    public IReadOnlyList<DynamoDbRequest> Requests => _recorder.Requests;

    public IReadOnlyList<DynamoDbItemChange> Changes => _recorder.Changes;

    public static async Task<DynamoDbEndpoint> StartAsync(DynamoDbServiceSettings? settings = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var recorder = new DynamoDbEndpointRecorder();
        var service = new DynamoDbService(settings ?? DynamoDbServiceSettings.Default, TimeProvider.System, recorder.Events());
        app.Run(service.HandleAsync);
        await app.StartAsync();
        return new DynamoDbEndpoint(app, service, recorder);
    }

    /// <summary>Creates a table whose partition key is the string attribute <paramref name="partitionKey"/>.</summary>
    public void CreateTable(string name, string partitionKey) =>
        Service.CreateTable(new DynamoDbTableDefinition(name, new DynamoDbKeyElement(partitionKey, DynamoDbKeyType.S)));

    public AmazonDynamoDBClient Client() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig
        {
            ServiceURL = ServiceUrl,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>
/// The local stack's <see cref="SqsService"/> hosted on loopback (Kestrel, a free port) for tests, recording every
/// request and every accepted message. Point a client at it with <c>ServiceURL</c> or <c>AWS_ENDPOINT_URL_SQS</c> =
/// <see cref="ServiceUrl"/>.
/// </summary>
public sealed class SqsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqsService _service;
    private readonly SqsEndpointRecorder _recorder;

    private SqsEndpoint(WebApplication app, SqsService service, SqsEndpointRecorder recorder)
    {
        _app = app;
        _service = service;
        _recorder = recorder;
        ServiceUrl = $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}";
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, without a trailing slash.</summary>
    public string ServiceUrl { get; }

    /// <summary>The hosted service, for scripting faults and reading the faults it injected.</summary>
    public SqsService Service => _service;

    /// <summary>Every request received so far, in arrival order, including those answered with an error.</summary>
    public IReadOnlyList<SqsRequest> Requests => [.. _recorder.Requests];

    /// <summary>Every message accepted so far, in acceptance order; receiving or deleting does not remove it here.</summary>
    public IReadOnlyList<SqsSentMessage> Messages => [.. _recorder.Messages];

    public static Task<SqsEndpoint> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(TimeProvider.System, cancellationToken);

    /// <param name="time">The clock for timestamps, message delays, visibility timeouts and long polling.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<SqsEndpoint> StartAsync(TimeProvider time, CancellationToken cancellationToken = default) =>
        StartAsync(SqsServiceSettings.Default, time, cancellationToken);

    /// <param name="settings">Region and random fault rates of the hosted service.</param>
    /// <param name="time">The clock for timestamps, message delays, visibility timeouts and long polling.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SqsEndpoint> StartAsync(
        SqsServiceSettings settings, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var recorder = new SqsEndpointRecorder();
        var service = new SqsService(settings, time, recorder.Events());
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(service.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            service.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqsEndpoint(app, service, recorder);
    }

    /// <summary>Creates a standard queue (or finds the existing one) and returns its URL.</summary>
    /// <param name="name">1–80 letters, digits, hyphens or underscores.</param>
    /// <param name="visibilityTimeout">Defaults to 30 seconds, as in SQS.</param>
    public string CreateQueue(string name, TimeSpan? visibilityTimeout = null) =>
        CreateQueue(name, new SqsQueueSettings(VisibilityTimeout: visibilityTimeout));

    /// <summary>Creates a standard queue with these attributes (or finds the existing one) and returns its URL.</summary>
    public string CreateQueue(string name, SqsQueueSettings settings)
    {
        try
        {
            _service.CreateQueue(name, settings);
        }
        catch (ArgumentException rejected)
        {
            throw new ArgumentException(rejected.Message, nameof(name), rejected);
        }

        return QueueUrl(name);
    }

    /// <summary><c>arn:aws:sqs:us-east-1:000000000000:&lt;name&gt;</c> (the settings' region), whether or not it exists.</summary>
    public string QueueArn(string name) => _service.QueueArn(name);

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/000000000000/&lt;name&gt;</c>, whether or not the queue exists.</summary>
    public string QueueUrl(string name) => SqsService.QueueUrl(ServiceUrl, name);

    /// <summary>
    /// Answers the next <paramref name="count"/> calls of <paramref name="operation"/> (the name after
    /// <c>AmazonSQS.</c> in <c>X-Amz-Target</c>, e.g. SendMessage) with <paramref name="error"/>, replacing an earlier
    /// plan for that operation.
    /// </summary>
    public void FailNext(string operation, int count, SqsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _service.FailNext(operation, count, error);
    }

    /// <summary>Answers every call of every operation with <paramref name="error"/> until <see cref="ResetFaults"/>.</summary>
    public void FailAll(SqsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _service.FailAll(error);
    }

    public void ResetFaults() => _service.ResetFaults();

    public async ValueTask DisposeAsync()
    {
        _service.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

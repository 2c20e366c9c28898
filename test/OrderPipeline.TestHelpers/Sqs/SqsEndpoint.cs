using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>
/// A fake Amazon SQS endpoint on loopback (Kestrel, a free port) that speaks AWS JSON 1.0 as AWSSDK.SQS 4.x uses it:
/// SendMessage, SendMessageBatch, ReceiveMessage, DeleteMessage, GetQueueUrl and CreateQueue over in-memory standard
/// queues, with the MD5 digests the SDK checks. It records every request and every accepted message, and can be told
/// to fail calls. Point a client at it with <c>ServiceURL</c> or <c>AWS_ENDPOINT_URL_SQS</c> = <see cref="ServiceUrl"/>.
/// </summary>
public sealed class SqsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqsQueueRegistry _queues;
    private readonly SqsFaultPlan _faults;
    private readonly ConcurrentQueue<SqsRequest> _requests;
    private readonly ConcurrentQueue<SqsSentMessage> _messages;
    private readonly CancellationTokenSource _stopping;

    private SqsEndpoint(
        WebApplication app,
        SqsQueueRegistry queues,
        SqsFaultPlan faults,
        ConcurrentQueue<SqsRequest> requests,
        ConcurrentQueue<SqsSentMessage> messages,
        CancellationTokenSource stopping)
    {
        _app = app;
        _queues = queues;
        _faults = faults;
        _requests = requests;
        _messages = messages;
        _stopping = stopping;
        ServiceUrl = SqsQueueRegistry.ServiceUrlFor(new Uri(app.Urls.Single()).Port);
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, without a trailing slash.</summary>
    public string ServiceUrl { get; }

    /// <summary>Every request received so far, in arrival order, including those answered with an error.</summary>
    public IReadOnlyList<SqsRequest> Requests => [.. _requests];

    /// <summary>Every message accepted so far, in acceptance order; receiving or deleting does not remove it here.</summary>
    public IReadOnlyList<SqsSentMessage> Messages => [.. _messages];

    public static Task<SqsEndpoint> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(TimeProvider.System, cancellationToken);

    /// <param name="time">The clock for timestamps, message delays, visibility timeouts and long polling.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SqsEndpoint> StartAsync(TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var queues = new SqsQueueRegistry(time);
        var faults = new SqsFaultPlan();
        var requests = new ConcurrentQueue<SqsRequest>();
        var messages = new ConcurrentQueue<SqsSentMessage>();
        var stopping = new CancellationTokenSource();
        var handler = new SqsRequestHandler(queues, faults, requests.Enqueue, messages.Enqueue, time, stopping.Token);
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqsEndpoint(app, queues, faults, requests, messages, stopping);
    }

    /// <summary>Creates a standard queue (or finds the existing one) and returns its URL.</summary>
    /// <param name="name">1–80 letters, digits, hyphens or underscores.</param>
    /// <param name="visibilityTimeout">Defaults to 30 seconds, as in SQS.</param>
    public string CreateQueue(string name, TimeSpan? visibilityTimeout = null)
    {
        try
        {
            return QueueUrl(_queues.Create(name, visibilityTimeout).Name);
        }
        catch (SqsProtocolException rejected)
        {
            throw new ArgumentException(rejected.Error.Message, nameof(name));
        }
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/000000000000/&lt;name&gt;</c>, whether or not the queue exists.</summary>
    public string QueueUrl(string name) => SqsQueueRegistry.QueueUrlFor(ServiceUrl, name);

    /// <summary>
    /// Answers the next <paramref name="count"/> calls of <paramref name="operation"/> (the name after
    /// <c>AmazonSQS.</c> in <c>X-Amz-Target</c>, e.g. SendMessage) with <paramref name="error"/>, replacing an earlier
    /// plan for that operation.
    /// </summary>
    public void FailNext(string operation, int count, SqsError error)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        _faults.FailNext(operation, count, error);
    }

    /// <summary>Answers every call of every operation with <paramref name="error"/> until <see cref="ResetFaults"/>.</summary>
    public void FailAll(SqsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _faults.FailAll(error);
    }

    public void ResetFaults() => _faults.Reset();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}

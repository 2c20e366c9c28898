using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench.Pipeline;

/// <summary>
/// Marks each Kestrel request in this process with the part of the stack that serves it, chosen by the local port it
/// arrived on. ASP.NET Core's hosting writes <c>Microsoft.AspNetCore.Hosting.HttpRequestIn.Start</c>, with the
/// <see cref="HttpContext"/>, to every host's "Microsoft.AspNetCore" <see cref="DiagnosticListener"/> while the
/// connection's request loop runs, so a mark set there flows through the rest of that connection's work.
/// </summary>
internal sealed class KestrelRequestMarker : IObserver<DiagnosticListener>, IDisposable
{
    private const string HostingListener = "Microsoft.AspNetCore";
    private const string RequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";
    private const string RequestStart = RequestActivity + ".Start";

    private readonly CpuAttribution _attribution;
    private readonly ConcurrentDictionary<int, StackComponent> _ports = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();

    public KestrelRequestMarker(CpuAttribution attribution)
    {
        _attribution = attribution;
        lock (_gate)
        {
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }
    }

    public void Map(int port, StackComponent component) => _ports[port] = component;

    public void OnNext(DiagnosticListener value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Name != HostingListener)
        {
            return;
        }

        var subscription = value.Subscribe(
            new RequestObserver(this), name => name is RequestActivity or RequestStart);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    private void OnRequest(HttpContext context) =>
        _attribution.Mark(_ports.TryGetValue(context.Connection.LocalPort, out var component)
            ? component
            : StackComponent.LambdaRuntimeApi);

    private sealed class RequestObserver(KestrelRequestMarker owner) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RequestStart && value.Value is HttpContext context)
            {
                owner.OnRequest(context);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}

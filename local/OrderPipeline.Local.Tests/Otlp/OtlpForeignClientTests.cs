using System.Diagnostics;
using System.Text;
using System.Text.Json;
using OrderPipeline.Local.Otlp;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.XRay.Api;
using OrderPipeline.TestHelpers;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Tests.Otlp;

// Clients this project did not write, from npm (versions pinned in OtlpClients/package-lock.json): OpenTelemetry JS's
// SDK with its OTLP/HTTP exporters (protobuf and JSON) sending to the OTLP receiver, and ADOT JavaScript's X-Ray UDP
// span exporter sending T1S and T1U datagrams to the X-Ray daemon. Each script records the same trace (OtlpClients/
// trace.js); the test then reads it back through the X-Ray API (BatchGetTraces), as `up` and the trace viewer do.
public sealed class OtlpForeignClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string ClientsDirectory = Path.Combine(RepositoryRoot.Find(), "local", "OrderPipeline.Local.Tests", "OtlpClients");

    private readonly TraceStore _store = new();
    private readonly HttpClient _http = new() { Timeout = Timeout };
    private OtlpHttpReceiver _receiver = null!;
    private XRayDaemon _daemon = null!;
    private XRayApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpHttpReceiver.StartAsync(0, _store, CancellationToken.None);
        _daemon = XRayDaemon.Start(0, _store);
        _api = await XRayApiHost.StartAsync(0, _store, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
        await _daemon.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [SkippableTheory]
    [InlineData("proto")]
    [InlineData("json")]
    public async Task OpenTelemetryJsOtlpHttpExporter_OneTrace_ArrivesAsSegmentsWithTheLinkAndTheException(string protocol)
    {
        RequireNodeClients();

        var ids = await RunNodeForIdsAsync("otlp-http.js", protocol, _receiver.TracesUrl);

        await AssertTraceArrivedAsync(ids, $"otlp-{protocol}-client");
    }

    [SkippableFact]
    public async Task AdotUdpSpanExporter_SampledAndUnsampled_StoresTheT1STraceAndOnlyCountsTheT1USpan()
    {
        RequireNodeClients();

        var output = await RunNodeAsync("adot-udp.js", _daemon.Address);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var sampled = JsonDocument.Parse(lines[0]);
        await AssertTraceArrivedAsync(sampled.RootElement, "adot-udp-client");
        using var unsampled = JsonDocument.Parse(lines[1]);
        await WaitAsync(() => _daemon.UnsampledSpans == 1);
        Assert.Empty(_store.Trace(SpanSegments.XRayTraceId(Convert.FromHexString(unsampled.RootElement.GetProperty("unsampledTraceId").GetString()!))));
        Assert.Equal((0, 0), (_daemon.Rejected, _daemon.RejectedSpans));
    }

    private async Task AssertTraceArrivedAsync(JsonElement ids, string serviceName)
    {
        var traceId = SpanSegments.XRayTraceId(Convert.FromHexString(ids.GetProperty("traceId").GetString()!));
        string Id(string name) => ids.GetProperty(name).GetString()!;
        using var timeout = new CancellationTokenSource(Timeout);
        await _store.WaitUntilAsync(store => store.Trace(traceId).Count == 3, timeout.Token);

        var documents = await BatchGetTracesAsync(traceId);
        var (server, serverNestedIn) = documents[Id("server")];
        Assert.Equal((serviceName, null), (server.GetProperty("name").GetString(), serverNestedIn));
        Assert.False(server.TryGetProperty("parent_id", out _));
        Assert.Equal(202, server.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());

        var (client, clientNestedIn) = documents[Id("client")];
        Assert.Equal(("SQS", "aws", Id("server")),
            (client.GetProperty("name").GetString(), client.GetProperty("namespace").GetString(), clientNestedIn));
        Assert.Equal("SendMessage", client.GetProperty("aws").GetProperty("operation").GetString());

        var (consumer, consumerNestedIn) = documents[Id("consumer")];
        Assert.Equal(("orders process", Id("server")), (consumer.GetProperty("name").GetString(), consumerNestedIn));
        Assert.False(consumer.TryGetProperty("namespace", out _));
        var link = Assert.Single(consumer.GetProperty("links").EnumerateArray());
        Assert.Equal(
            (SpanSegments.XRayTraceId(Convert.FromHexString(Id("upstreamTraceId"))), Id("upstreamSpanId"), "m-1"),
            (link.GetProperty("trace_id").GetString(), link.GetProperty("id").GetString(),
             link.GetProperty("attributes").GetProperty("messaging.message.id").GetString()));
        Assert.True(consumer.GetProperty("fault").GetBoolean());
        var exception = Assert.Single(consumer.GetProperty("cause").GetProperty("exceptions").EnumerateArray());
        Assert.Equal(("TypeError", "order o-1 is not valid"), (exception.GetProperty("type").GetString(), exception.GetProperty("message").GetString()));
        Assert.Equal("o-1", consumer.GetProperty("annotations").GetProperty("order_id").GetString());
        Assert.Equal(3, consumer.GetProperty("metadata").GetProperty("default").GetProperty("order.items").GetInt32());
        Assert.Equal([traceId], TraceLinks.Index(_store)[link.GetProperty("trace_id").GetString()!]);

        // The trace list `up` prints a curl line for, and the viewer reads, finds it by its annotation with its fault.
        var summary = Assert.Single(await TraceSummariesAsync("annotation.order_id = \"o-1\""));
        Assert.Equal((traceId, true), (summary.GetProperty("Id").GetString(), summary.GetProperty("HasFault").GetBoolean()));
    }

    private async Task<List<JsonElement>> TraceSummariesAsync(string filterExpression)
    {
        var request = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["StartTime"] = 0,
            ["EndTime"] = 9_999_999_999,
            ["FilterExpression"] = filterExpression,
        });
        using var content = new StringContent(request, Encoding.UTF8, XRayApi.JsonContentType);
        using var response = await _http.PostAsync(new Uri(_api.BaseUrl + "/TraceSummaries"), content);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. answer.RootElement.GetProperty("TraceSummaries").EnumerateArray().Select(summary => summary.Clone())];
    }

    /// <summary>
    /// The trace's segments and subsegments by id, each with the id of the document it is nested in (null for a segment),
    /// as the X-Ray API serves them: each segment's <c>Document</c> is a JSON string, its subsegments nested in
    /// <c>subsegments</c> (without their own <c>parent_id</c> and <c>type</c>).
    /// </summary>
    private async Task<Dictionary<string, (JsonElement Document, string? NestedIn)>> BatchGetTracesAsync(string traceId)
    {
        using var content = new StringContent($$"""{"TraceIds":["{{traceId}}"]}""", Encoding.UTF8, XRayApi.JsonContentType);
        using var response = await _http.PostAsync(new Uri(_api.BaseUrl + "/Traces"), content);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var trace = Assert.Single(answer.RootElement.GetProperty("Traces").EnumerateArray());
        return trace.GetProperty("Segments").EnumerateArray()
            .SelectMany(segment => WithSubsegments(JsonDocument.Parse(segment.GetProperty("Document").GetString()!).RootElement.Clone(), null))
            .ToDictionary(entry => entry.Document.GetProperty("id").GetString()!, StringComparer.Ordinal);
    }

    private static IEnumerable<(JsonElement Document, string? NestedIn)> WithSubsegments(JsonElement document, string? nestedIn) =>
        document.TryGetProperty("subsegments", out var subsegments)
            ? subsegments.EnumerateArray()
                .SelectMany(subsegment => WithSubsegments(subsegment, document.GetProperty("id").GetString()))
                .Prepend((document, nestedIn))
            : [(document, nestedIn)];

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static void RequireNodeClients() =>
        OptionalPrerequisite.Require(
            FindNode() is not null && Directory.Exists(Path.Combine(ClientsDirectory, "node_modules", "@opentelemetry", "sdk-trace-base"))
                && Directory.Exists(Path.Combine(ClientsDirectory, "node_modules", "@aws", "aws-distro-opentelemetry-node-autoinstrumentation")),
            $"Node.js (20 or later) on PATH and the npm clients in {ClientsDirectory}/node_modules are needed.",
            $"install Node.js, then run `npm ci --ignore-scripts` in {ClientsDirectory} (as .ci/run does).");

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a client script; its standard output (the ids it recorded), or a failure with its standard error.</summary>
    private static async Task<string> RunNodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(FindNode()!)
        {
            WorkingDirectory = ClientsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"node {script} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static async Task<JsonElement> RunNodeForIdsAsync(string script, string protocol, string url)
    {
        using var ids = JsonDocument.Parse(await RunNodeAsync(script, [protocol, url]));
        return ids.RootElement.Clone();
    }
}

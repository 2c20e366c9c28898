using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrderPipeline.Local.Cli.Bench.Pipeline;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench.Sqs;

/// <summary>
/// Separates the two sides of SendMessage: the local endpoint driven by <see cref="RawHttpLoad"/> (pre-built requests,
/// next to no client CPU, and that measured), and the AWSSDK.SQS client against <see cref="CannedHttpServer"/> (a canned
/// answer with the right MD5, its CPU measured). Then the cost as a client sees it: one AWSSDK.SQS client in a process
/// of its own (<see cref="SdkClientDriver"/>) against the endpoint in this one, each process' CPU measured whole.
/// </summary>
internal static class SqsBench
{
    /// <summary>Rounds of the separate-process SDK client; the report gives their median and spread.</summary>
    public const int SdkClientRounds = 3;

    private const string QueueName = "bench";
    private const string Authorization =
        "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0";

    public static async Task<SqsResult> RunAsync(BenchOptions options, StackEvents progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var body = MessageBody(options.SqsEventPath);
        var warmUp = Math.Max(200, options.SqsMessages / 10);
        await using var sqs = await LocalSqsHost.StartAsync(0, null, cancellationToken).ConfigureAwait(false);
        sqs.Service.CreateQueue(QueueName);
        var queueUrl = SqsService.QueueUrl(sqs.ServiceUrl, QueueName);

        progress.Status($"SQS: endpoint CPU per SendMessage ({options.SqsMessages} calls from a raw client, {options.SqsConcurrency} at once)");
        var port = new Uri(sqs.ServiceUrl).Port;
        var request = RawRequest(port, queueUrl, body);
        RawHttpLoad.Run(port, request, warmUp, options.SqsConcurrency);
        var before = CpuAttribution.ProcessCpu();
        var (rawElapsed, rawClientCpu) = RawHttpLoad.Run(port, request, options.SqsMessages, options.SqsConcurrency);
        var endpointCpu = CpuAttribution.ProcessCpu() - before - rawClientCpu;

        progress.Status($"SQS: this process and an AWSSDK.SQS client process, CPU per SendMessage ({SdkClientRounds} rounds)");
        // Both processes compile their hot paths again while they warm up (tiered JIT); a round of warm-up as long as a
        // measured round keeps most of that out of the figures, which are of the steady state.
        var sdkRounds = await SdkClientDriver.MeasureAsync(
            queueUrl, options.SqsEventPath, options.SqsMessages, options.SqsConcurrency, Math.Max(warmUp, options.SqsMessages),
            SdkClientRounds, cancellationToken)
            .ConfigureAwait(false);

        progress.Status($"SQS: AWSSDK.SQS client CPU per SendMessage against a canned stand-in");
        using var standIn = new CannedHttpServer(CannedResponse(body));
        using var standInClient = SdkClientDriver.Client($"http://127.0.0.1:{standIn.Port}");
        var standInQueue = $"http://127.0.0.1:{standIn.Port}/000000000000/{QueueName}";
        await SdkClientDriver.SendAllAsync(standInClient, standInQueue, body, warmUp, options.SqsConcurrency, cancellationToken)
            .ConfigureAwait(false);
        before = CpuAttribution.ProcessCpu();
        var standInBefore = standIn.Cpu;
        var clientElapsed = await SdkClientDriver.SendAllAsync(
            standInClient, standInQueue, body, options.SqsMessages, options.SqsConcurrency, cancellationToken).ConfigureAwait(false);
        var clientCpu = CpuAttribution.ProcessCpu() - before - (standIn.Cpu - standInBefore);

        var n = (double)options.SqsMessages;
        return new SqsResult(
            options.SqsMessages,
            options.SqsConcurrency,
            endpointCpu.TotalMilliseconds / n,
            n / rawElapsed.TotalSeconds,
            clientCpu.TotalMilliseconds / n,
            n / clientElapsed.TotalSeconds,
            sdkRounds);
    }

    /// <summary>The message body: the first record's body of the sample SQS event.</summary>
    public static string MessageBody(string sqsEventPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(sqsEventPath));
        return document.RootElement.GetProperty("Records")[0].GetProperty("body").GetString()
            ?? throw new InvalidDataException($"{sqsEventPath}: the first record has no body.");
    }

    private static byte[] RawRequest(int port, string queueUrl, string body)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string> { ["QueueUrl"] = queueUrl, ["MessageBody"] = body },
            SqsRequestJsonContext.Default.DictionaryStringString);
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {SqsHttp.JsonContentType}\r\n"
            + $"{SqsHttp.TargetHeader}: {SqsHttp.TargetPrefix}SendMessage\r\n"
            + $"{SqsHttp.AuthorizationHeader}: {Authorization}\r\nContent-Length: {json.Length}\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head), .. json];
    }

    private static byte[] CannedResponse(string body)
    {
        var md5 = SqsMessageDigest.OfBody(body);
        var json = $$"""{"MessageId":"{{Guid.NewGuid()}}","MD5OfMessageBody":"{{md5}}"}""";
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nContent-Type: {SqsHttp.JsonContentType}\r\n{SqsHttp.RequestIdHeader}: {Guid.NewGuid()}\r\n"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n");
        return Encoding.UTF8.GetBytes(head + json);
    }
}

/// <summary>
/// The SQS part: CPU per SendMessage on each side of the wire, measured apart (raw client, canned stand-in) and as a
/// client sees it (an SDK client process against this one).
/// </summary>
/// <param name="Messages">SendMessage calls per measurement (after a warm-up that is not counted).</param>
/// <param name="Concurrency">Calls in flight.</param>
/// <param name="EndpointCpuMs">The local endpoint's CPU per call: this process' CPU while a raw client drove it,
/// minus the raw client's own threads' CPU.</param>
/// <param name="RawClientPerSecond">Calls per second the raw client got from the endpoint.</param>
/// <param name="ClientCpuMs">The AWSSDK.SQS client's CPU per call: this process' CPU while it called a canned
/// stand-in, minus the stand-in's threads' CPU.</param>
/// <param name="ClientPerSecondStandIn">The SDK client's calls per second against the stand-in.</param>
/// <param name="SdkClientRounds">The separate-process SDK client against the endpoint, round by round.</param>
internal sealed record SqsResult(
    int Messages,
    int Concurrency,
    double EndpointCpuMs,
    double RawClientPerSecond,
    double ClientCpuMs,
    double ClientPerSecondStandIn,
    IReadOnlyList<SdkClientRound> SdkClientRounds)
{
    /// <summary>The goal: the endpoint spends at most this share of what the client spends per call.</summary>
    public const double Goal = 0.25;

    /// <summary>The goal as a client sees it: the serving process' CPU at most this share of the SDK client process'.</summary>
    public const double StackGoal = 0.35;

    public double EndpointToClient => EndpointCpuMs / Math.Max(ClientCpuMs, 1e-9);

    /// <summary>The serving process' CPU per call under the SDK client, over the rounds.</summary>
    public SampleSummary StackCpuMs => SampleSummary.Of(SdkClientRounds.Select(round => round.StackCpuMs));

    /// <summary>The SDK client process' CPU per call, over the rounds.</summary>
    public SampleSummary SdkClientCpuMs => SampleSummary.Of(SdkClientRounds.Select(round => round.ClientCpuMs));

    /// <summary>Serving process over client process, round by round.</summary>
    public SampleSummary StackToClient => SampleSummary.Of(SdkClientRounds.Select(round => round.StackToClient));

    /// <summary>The SDK client process' calls per second against the endpoint, over the rounds.</summary>
    public SampleSummary ClientPerSecondEndpoint => SampleSummary.Of(SdkClientRounds.Select(round => round.SendsPerSecond));
}

/// <summary>Source-generated JSON for the bench's pre-built SQS requests.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqsRequestJsonContext : JsonSerializerContext;

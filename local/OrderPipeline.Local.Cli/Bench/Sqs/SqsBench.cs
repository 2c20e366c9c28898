using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Cli.Bench.Pipeline;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench.Sqs;

/// <summary>
/// Separates the two sides of SendMessage: the local endpoint driven by <see cref="RawHttpLoad"/> (pre-built requests,
/// next to no client CPU, and that measured), and the AWSSDK.SQS client against <see cref="CannedHttpServer"/> (a canned
/// answer with the right MD5, its CPU measured). Then the SDK client against the local endpoint, for its throughput.
/// </summary>
internal static class SqsBench
{
    private const string QueueName = "bench";
    private const string Region = "us-east-1";
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

        progress.Status($"SQS: AWSSDK.SQS client CPU per SendMessage against a canned stand-in");
        using var standIn = new CannedHttpServer(CannedResponse(body));
        using var standInClient = Client($"http://127.0.0.1:{standIn.Port}");
        var standInQueue = $"http://127.0.0.1:{standIn.Port}/000000000000/{QueueName}";
        await SendAllAsync(standInClient, standInQueue, body, warmUp, options.SqsConcurrency, cancellationToken).ConfigureAwait(false);
        before = CpuAttribution.ProcessCpu();
        var standInBefore = standIn.Cpu;
        var clientElapsed = await SendAllAsync(standInClient, standInQueue, body, options.SqsMessages, options.SqsConcurrency, cancellationToken)
            .ConfigureAwait(false);
        var clientCpu = CpuAttribution.ProcessCpu() - before - (standIn.Cpu - standInBefore);

        progress.Status($"SQS: AWSSDK.SQS client against the local endpoint");
        using var endpointClient = Client(sqs.ServiceUrl);
        await SendAllAsync(endpointClient, queueUrl, body, warmUp, options.SqsConcurrency, cancellationToken).ConfigureAwait(false);
        var endpointElapsed = await SendAllAsync(endpointClient, queueUrl, body, options.SqsMessages, options.SqsConcurrency, cancellationToken)
            .ConfigureAwait(false);

        var n = (double)options.SqsMessages;
        return new SqsResult(
            options.SqsMessages,
            options.SqsConcurrency,
            endpointCpu.TotalMilliseconds / n,
            n / rawElapsed.TotalSeconds,
            clientCpu.TotalMilliseconds / n,
            n / clientElapsed.TotalSeconds,
            n / endpointElapsed.TotalSeconds);
    }

    /// <summary>The message body: the first record's body of the sample SQS event.</summary>
    private static string MessageBody(string sqsEventPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(sqsEventPath));
        return document.RootElement.GetProperty("Records")[0].GetProperty("body").GetString()
            ?? throw new InvalidDataException($"{sqsEventPath}: the first record has no body.");
    }

    private static AmazonSQSClient Client(string serviceUrl) => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonSQSConfig { ServiceURL = serviceUrl, AuthenticationRegion = Region, MaxErrorRetry = 0 });

    private static async Task<TimeSpan> SendAllAsync(
        AmazonSQSClient client, string queueUrl, string body, int count, int concurrency, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (_, token) => await client.SendMessageAsync(new SendMessageRequest(queueUrl, body), token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return clock.Elapsed;
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

/// <summary>The SQS part: CPU per SendMessage on each side of the wire, and one SDK client's SendMessage/s.</summary>
/// <param name="Messages">SendMessage calls per measurement (after a warm-up that is not counted).</param>
/// <param name="Concurrency">Calls in flight.</param>
/// <param name="EndpointCpuMs">The local endpoint's CPU per call: this process' CPU while a raw client drove it,
/// minus the raw client's own threads' CPU.</param>
/// <param name="RawClientPerSecond">Calls per second the raw client got from the endpoint.</param>
/// <param name="ClientCpuMs">The AWSSDK.SQS client's CPU per call: this process' CPU while it called a canned
/// stand-in, minus the stand-in's threads' CPU.</param>
/// <param name="ClientPerSecondStandIn">The SDK client's calls per second against the stand-in.</param>
/// <param name="ClientPerSecondEndpoint">The SDK client's calls per second against the local endpoint.</param>
internal sealed record SqsResult(
    int Messages,
    int Concurrency,
    double EndpointCpuMs,
    double RawClientPerSecond,
    double ClientCpuMs,
    double ClientPerSecondStandIn,
    double ClientPerSecondEndpoint)
{
    /// <summary>The goal: the endpoint spends at most this share of what the client spends per call.</summary>
    public const double Goal = 0.25;

    public double EndpointToClient => EndpointCpuMs / Math.Max(ClientCpuMs, 1e-9);
}

/// <summary>Source-generated JSON for the bench's pre-built SQS requests.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqsRequestJsonContext : JsonSerializerContext;

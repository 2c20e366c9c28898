using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>
/// The least an SQS endpoint can do for the AWS SDK's <c>SendMessage</c>: read the request's <c>MessageBody</c>, and
/// answer <c>200</c> with a fixed <c>MessageId</c> and the body's MD5 (the SDK checks it). It keeps nothing, so the
/// process stays the same size however long the benchmark runs, and it costs the handler's machine as little as an
/// HTTP answer can. Any other operation gets a <c>400</c>, which the handler would turn into a <c>503</c>.
/// </summary>
internal sealed class CannedSqsEndpoint : IAsyncDisposable
{
    public const string QueuePath = "/000000000000/orders";
    private const string SendMessageTarget = "AmazonSQS.SendMessage";
    private const string MessageId = "5fea7756-0ea4-451a-a703-a558b933e274";

    private readonly LoopbackKestrel _host;

    private CannedSqsEndpoint(LoopbackKestrel host) => _host = host;

    public string QueueUrl => _host.ServiceUrl + QueuePath;

    public static async Task<CannedSqsEndpoint> StartAsync() => new(await LoopbackKestrel.StartAsync(AnswerAsync));

    /// <summary>The real SDK client, pointed here, with static credentials and the SDK's default retries.</summary>
    public AmazonSQSClient Client() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonSQSConfig
        {
            ServiceURL = _host.ServiceUrl,
            AuthenticationRegion = "us-east-1",
        });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static async Task AnswerAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = "c6a3f2e1-9b8d-5c4e-a7f6-0d1e2f3a4b5c";
        response.ContentType = "application/x-amz-json-1.0";
        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        if (context.Request.Headers["X-Amz-Target"] != SendMessageTarget
            || !request.RootElement.TryGetProperty("MessageBody", out var body)
            || body.GetString() is not { } text)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            await response.WriteAsync("""{"__type":"com.amazonaws.sqs#InvalidAction","message":"Only SendMessage is answered."}""");
            return;
        }

        await response.WriteAsync($$"""{"MessageId":"{{MessageId}}","MD5OfMessageBody":"{{SqsMessageDigest.OfBody(text)}}"}""");
    }
}

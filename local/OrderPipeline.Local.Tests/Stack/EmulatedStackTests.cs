using System.Net;
using System.Text;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Stack;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Tests.Stack;

/// <summary>The repository's template under the local stack: POST /orders is AWS_IAM, so only signed orders reach the producer.</summary>
[Collection(BuiltFunctions.Name)]
public sealed partial class EmulatedStackTests
{
    private static readonly LocalCredentials Chosen = new("LOCALTESTKEY00000002", "chosen/secret+for/this/test");

    [Fact]
    public async Task StartAsync_RepositoryTemplate_PostOrdersAcceptsOnlyRequestsSignedWithTheStacksCredentials()
    {
        await using var stack = await EmulatedStack.StartAsync(Options(), StackEvents.Silent, CancellationToken.None);
        var sample = SampleRequest.Load(Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder));
        var url = new Uri(stack.RouteUrl(stack.Template.Function("ProducerFunction").ApiEvents[0]));

        using var plain = new HttpClient();
        using var unsigned = await plain.SendAsync(sample.ToHttpRequest(url));
        using var otherKey = new HttpClient(new SigV4SigningHandler(LocalCredentials.Default, stack.Account.Region, TimeProvider.System)
        {
            InnerHandler = new SocketsHttpHandler(),
        });
        using var signedWithAnotherKey = await otherKey.SendAsync(sample.ToHttpRequest(url));
        using var signing = stack.CreateApiClient(TimeSpan.FromSeconds(30));
        using var signed = await signing.SendAsync(sample.ToHttpRequest(url));

        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", await unsigned.Content.ReadAsStringAsync());
        Assert.Equal(["UnrecognizedClientException"], signedWithAnotherKey.Headers.GetValues(GatewayResponse.ErrorTypeHeader));
        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        Assert.Equal(1, stack.Sqs.MessagesAccepted);
    }

    [Fact]
    public async Task Describe_RepositoryTemplate_PrintsTheCredentialsAndASignedCurlLineWithTheSampleOrder()
    {
        await using var stack = await EmulatedStack.StartAsync(Options(), StackEvents.Silent, CancellationToken.None);
        var sample = SampleRequest.Load(Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder));
        var url = stack.RouteUrl(stack.Template.Function("ProducerFunction").ApiEvents[0]);

        var lines = StackEndpoints.Describe(stack, Options(), sample).ToList();

        Assert.Contains(
            "  Credentials   access key id LOCALTESTKEY00000002, secret access key chosen/secret+for/this/test (sign for region us-east-1, service execute-api)",
            lines);
        Assert.Contains(
            $"""  curl -s --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "LOCALTESTKEY00000002:chosen/secret+for/this/test" -X POST {url} -H 'Content-Type: application/json' -d '{Encoding.UTF8.GetString(sample.Body)}'""",
            lines);
    }

    private static StackOptions Options() => new(
        Path.Combine(RepositoryRoot.Find(), "template.yaml"),
        FunctionBuildFixture.WorkDirectory(),
        ApiPort: 0,
        SqsPort: 0,
        DynamoDbPort: 0,
        XRayPort: 0,
        FunctionBuildMode.Auto,
        KeepTraces: false,
        FunctionConcurrency: 1,
        Credentials: Chosen);
}

using System.Text.Json;
using OrderPipeline.Contracts;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Sqs;

namespace OrderPipeline.Producer.Tests.Executable;

// Black-box tests: the producer's real executable, built by `make build-ProducerFunction`, runs as a process against a
// Runtime API and an SQS endpoint on loopback. Nothing of the function's code is linked into these tests' assertions.
public sealed class ProducerFunctionTests(ProducerBuild producer) : IClassFixture<ProducerBuild>, IAsyncLifetime
{
    private SqsEndpoint _sqs = null!;
    private DynamoDbEndpoint _dynamoDb = null!;
    private string _queueUrl = null!;

    public async Task InitializeAsync()
    {
        _sqs = await SqsEndpoint.StartAsync();
        _queueUrl = _sqs.CreateQueue("orders");
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("IdempotencyTable", "id");
    }

    public async Task DisposeAsync()
    {
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public void Bootstrap_NeedsNoGlibcNewerThanAmazonLinux2023()
    {
        var executable = producer.Build.ExecutablePath("OrderPipeline.Producer");

        var glibc = ElfSymbolVersions.Read(executable).MaxGlibcVersion;

        Assert.NotNull(glibc);
        Assert.True(glibc <= new Version(2, 34), $"{executable} needs GLIBC_{glibc}; Amazon Linux 2023 has 2.34.");
    }

    [Fact]
    public async Task Invoke_ValidOrderEvent_Posts202AfterExactlyOneSendMessage()
    {
        await using var function = await StartAsync();

        var result = await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder));

        Assert.Equal(RuntimeApiPostKind.Response, result.Kind);
        var response = result.ReadBodyAsJson();
        Assert.Equal(202, response.GetProperty("statusCode").GetInt32());
        using var body = JsonDocument.Parse(response.GetProperty("body").GetString()!);
        var sent = Assert.Single(_sqs.Messages);
        Assert.Equal("SendMessage", Assert.Single(_sqs.Requests).Operation);
        Assert.True(OrderMessage.TryParse(sent.Body, out var message, out _));
        Assert.Equal(body.RootElement.GetProperty("orderId").GetString(), message.OrderId.ToString());
    }

    [Fact]
    public async Task Invoke_EachBadInput_PostsItsStatusAndSendsNothing()
    {
        await using var function = await StartAsync();
        var valid = JsonDocument.Parse(SampleEvents.Read(SampleEvents.ApiPostOrder)).RootElement;
        (string Event, int Status)[] cases =
        [
            (SampleEvents.Read(SampleEvents.ApiPostOrderInvalid), 400),
            (WithBody(valid, "{\"customerId\":"), 400),
            (WithBody(valid, ""), 400),
            (WithBody(valid, "[1,2]"), 400),
            (WithBody(valid, "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[],\"x\":\"" + new string('x', 70_000) + "\"}"), 413),
        ];

        foreach (var (eventJson, status) in cases)
        {
            var result = await function.InvokeAsync(eventJson);

            Assert.Equal(RuntimeApiPostKind.Response, result.Kind);
            var response = result.ReadBodyAsJson();
            Assert.Equal(status, response.GetProperty("statusCode").GetInt32());
            Assert.Equal("application/problem+json", response.GetProperty("headers").GetProperty("Content-Type").GetString());
        }

        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task Invoke_SqsFailing_Posts503WithRetryAfter()
    {
        _sqs.FailAll(SqsError.InternalError());
        await using var function = await StartAsync();

        var result = await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder));

        var response = result.ReadBodyAsJson();
        Assert.Equal(503, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("5", response.GetProperty("headers").GetProperty("Retry-After").GetString());
        Assert.Equal(2, _sqs.Requests.Count);
        Assert.Empty(_sqs.Messages);
    }

    [Fact]
    public async Task Invoke_SameIdempotencyKeyTwiceThenAnotherOrder_Replays202ThenAnswers422AndSendsOneMessage()
    {
        await using var function = await StartAsync();
        var valid = JsonDocument.Parse(SampleEvents.Read(SampleEvents.ApiPostOrder)).RootElement;
        const string Order = """{"customerId":"cust-42","currency":"EUR","items":[{"sku":"BOOK-123","quantity":2,"unitPrice":19.99}]}""";

        var first = (await function.InvokeAsync(WithKey(WithBody(valid, Order), "k-1"))).ReadBodyAsJson();
        var replay = (await function.InvokeAsync(WithKey(WithBody(valid, Order), "k-1"))).ReadBodyAsJson();
        var other = (await function.InvokeAsync(WithKey(WithBody(valid, Order.Replace("EUR", "USD", StringComparison.Ordinal)), "k-1"))).ReadBodyAsJson();

        Assert.Equal(202, first.GetProperty("statusCode").GetInt32());
        Assert.Equal(202, replay.GetProperty("statusCode").GetInt32());
        Assert.Equal("true", replay.GetProperty("headers").GetProperty("Idempotent-Replayed").GetString());
        Assert.Equal(first.GetProperty("body").GetString(), replay.GetProperty("body").GetString());
        Assert.Equal(422, other.GetProperty("statusCode").GetInt32());
        Assert.Single(_sqs.Messages);
        Assert.Equal(["PutItem", "PutItem", "PutItem", "PutItem"], _dynamoDb.Requests.Select(request => request.Operation));
    }

    [Fact]
    public async Task Invoke_QueueMissing_Posts500AndWritesTheNonRetryableFailureMetric()
    {
        await using var function = await StartAsync(_sqs.QueueUrl("missing"));

        var result = await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder));
        var emf = await function.Process.WaitForOutputLineAsync(
            text => text.Contains("\"_aws\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30), CancellationToken.None);

        var response = result.ReadBodyAsJson();
        Assert.Equal(500, response.GetProperty("statusCode").GetInt32());
        Assert.False(response.GetProperty("headers").TryGetProperty("Retry-After", out _));
        using var document = JsonDocument.Parse(emf);
        var directive = Assert.Single(document.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("OrderPipeline", directive.GetProperty("Namespace").GetString());
        Assert.Equal("NonRetryableFailures", Assert.Single(directive.GetProperty("Metrics").EnumerateArray()).GetProperty("Name").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("NonRetryableFailures").GetDouble());
    }

    [Fact]
    public async Task Invoke_UnreadableEvent_PostsErrorThenServesTheNextInvocation()
    {
        await using var function = await StartAsync();

        var error = await function.InvokeAsync("{\"httpMethod\": [not json");
        var next = await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder));

        Assert.Equal(RuntimeApiPostKind.InvocationError, error.Kind);
        Assert.Equal("Runtime.UnmarshalError", error.ErrorType);
        Assert.Equal("Runtime.UnmarshalError", error.ReadBodyAsJson().GetProperty("errorType").GetString());
        Assert.Equal(202, next.ReadBodyAsJson().GetProperty("statusCode").GetInt32());
        Assert.False(function.Process.HasExited);
    }

    [Fact]
    public async Task Start_QueueUrlMissing_PostsInitErrorAndExitsNonZero()
    {
        await using var function = await RunningFunction.StartAsync(producer.Build, new Dictionary<string, string>());

        var initError = await function.RuntimeApi.WaitForInitErrorAsync();
        var exitCode = await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var document = initError.ReadBodyAsJson();
        Assert.Equal("InvalidOperationException", initError.ErrorType);
        Assert.StartsWith("ORDERS_QUEUE_URL", document.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Invoke_AnyInvocation_WritesOnlyJsonLinesWithRequestId()
    {
        await using var function = await StartAsync();

        var invocation = function.RuntimeApi.Enqueue(SampleEvents.Read(SampleEvents.ApiPostOrder));
        await function.RuntimeApi.WaitForResultAsync(invocation.RequestId);
        var line = await function.Process.WaitForOutputLineAsync(
            text => text.Contains(invocation.RequestId, StringComparison.Ordinal), TimeSpan.FromSeconds(30), CancellationToken.None);

        using var record = JsonDocument.Parse(line);
        Assert.Equal(invocation.RequestId, record.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("INFO", record.RootElement.GetProperty("level").GetString());
        Assert.All(function.Process.StandardOutput, text => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind));
    }

    private Task<RunningFunction> StartAsync(string? queueUrl = null) => RunningFunction.StartAsync(producer.Build, new Dictionary<string, string>
    {
        ["ORDERS_QUEUE_URL"] = queueUrl ?? _queueUrl,
        ["IDEMPOTENCY_TABLE_NAME"] = "IdempotencyTable",
        ["AWS_ENDPOINT_URL_SQS"] = _sqs.ServiceUrl,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl,
    });

    private static string WithKey(string eventJson, string key)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(eventJson)!;
        node["headers"]!["Idempotency-Key"] = key;
        node["multiValueHeaders"]?.AsObject().Remove("Idempotency-Key");
        return node.ToJsonString();
    }

    /// <summary>The sample event with a plain-text body in place of its base64 one.</summary>
    private static string WithBody(JsonElement template, string body)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(template.GetRawText())!;
        node["body"] = body;
        node["isBase64Encoded"] = false;
        return node.ToJsonString();
    }
}

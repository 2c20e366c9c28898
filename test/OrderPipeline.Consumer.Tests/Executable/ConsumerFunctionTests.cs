using System.Text.Json;
using System.Text.Json.Nodes;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;
using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Consumer.Tests.Executable;

// Black-box tests: the consumer's real executable, built by `make build-ConsumerFunction`, runs as a process against a
// Runtime API on loopback.
[Collection(BuiltFunctions.Name)]
public sealed class ConsumerFunctionTests(ConsumerBuild consumer) : IAsyncLifetime
{
    private const string PoisonMessageId = "c3e9f1a7-2b84-4d6c-9e0f-5a7b3c1d8e24";
    private const string Table = "OrdersTable";
    private DynamoDbEndpoint _dynamoDb = null!;

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable(Table, "orderId");
    }

    public async Task DisposeAsync() => await _dynamoDb.DisposeAsync();

    [Fact]
    public void Bootstrap_NeedsNoGlibcNewerThanAmazonLinux2023()
    {
        var executable = consumer.Build.ExecutablePath("OrderPipeline.Consumer");

        var glibc = ElfSymbolVersions.Read(executable).MaxGlibcVersion;

        Assert.NotNull(glibc);
        Assert.True(glibc <= new Version(2, 34), $"{executable} needs GLIBC_{glibc}; Amazon Linux 2023 has 2.34.");
    }

    [Fact]
    public async Task Invoke_SampleBatch_PostsPartialBatchResponseNamingOnlyThePoisonRecord()
    {
        await using var function = await StartAsync();

        var result = await function.InvokeAsync(SampleEvents.Read(SampleEvents.SqsOrders));

        Assert.Equal(RuntimeApiPostKind.Response, result.Kind);
        Assert.Equal(
            $$"""{"batchItemFailures":[{"itemIdentifier":"{{PoisonMessageId}}"}]}""",
            System.Text.Encoding.UTF8.GetString(result.Body));
    }

    [Fact]
    public async Task Invoke_SampleBatch_WritesOneEmfDocumentPerProcessedOrder()
    {
        await using var function = await StartAsync();
        var invocation = function.RuntimeApi.Enqueue(SampleEvents.Read(SampleEvents.SqsOrders));
        await function.RuntimeApi.WaitForResultAsync(invocation.RequestId);
        await function.Process.WaitForOutputLineAsync(
            line => line.Contains("\"_aws\"", StringComparison.Ordinal) && line.Contains("USD", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            CancellationToken.None);

        var documents = function.Process.StandardOutput
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(record => record.TryGetProperty("_aws", out _))
            .ToList();

        Assert.Equal(2, documents.Count);
        Assert.All(documents, document =>
        {
            Assert.Equal(invocation.RequestId, document.GetProperty("requestId").GetString());
            Assert.Equal(1, document.GetProperty("OrdersProcessed").GetDouble());
            var directive = document.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
            Assert.Equal("OrderPipeline", directive.GetProperty("Namespace").GetString());
        });
        Assert.Equal([43.48, 1936.47], documents.Select(d => d.GetProperty("OrderValue").GetDouble()).Order());
    }

    [Fact]
    public async Task Invoke_SampleBatchTwice_StoresEachValidOrderOnceAndSucceedsBothTimes()
    {
        await using var function = await StartAsync();

        var first = await function.InvokeAsync(SampleEvents.Read(SampleEvents.SqsOrders));
        var second = await function.InvokeAsync(SampleEvents.Read(SampleEvents.SqsOrders));

        Assert.Equal(System.Text.Encoding.UTF8.GetString(first.Body), System.Text.Encoding.UTF8.GetString(second.Body));
        var puts = _dynamoDb.Requests.Where(request => request.Operation == "PutItem").ToList();
        Assert.Equal(4, puts.Count);
        Assert.All(puts, put => Assert.Contains("\"ConditionExpression\":\"attribute_not_exists(orderId)\"", put.BodyText, StringComparison.Ordinal));
        Assert.Equal(2, _dynamoDb.Changes.Count);
        Assert.All(_dynamoDb.Changes, change => Assert.Null(change.OldImage));
    }

    [Fact]
    public async Task Invoke_StoreFailsForEveryCall_ReportsEveryRecordAsFailedAfterThreeAttemptsEach()
    {
        await using var function = await StartAsync();
        _dynamoDb.Service.FailAll(DynamoDbError.InternalServerError());

        var result = await function.InvokeAsync(SampleEvents.Read(SampleEvents.SqsOrders));

        using var response = JsonDocument.Parse(result.Body);
        Assert.Equal(3, response.RootElement.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Empty(_dynamoDb.Changes);
        // Each of the 2 valid orders: the first attempt and 2 retries, then the record is handed back to SQS.
        Assert.Equal(6, _dynamoDb.Requests.Count(request => request.Operation == "PutItem"));
    }

    [Fact]
    public async Task Start_TableNameUnset_PostsInitErrorAndExitsNonZero()
    {
        await using var function = await RunningFunction.StartAsync(
            consumer.Build, new Dictionary<string, string> { ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl });

        var initError = await function.RuntimeApi.WaitForInitErrorAsync();
        var exitCode = await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.StartsWith(
            "ORDERS_TABLE_NAME", initError.ReadBodyAsJson().GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Invoke_AllRecordsValid_PostsEmptyFailureList()
    {
        await using var function = await StartAsync();
        var batch = JsonNode.Parse(SampleEvents.Read(SampleEvents.SqsOrders))!;
        var records = batch["Records"]!.AsArray();
        records.RemoveAt(records.Count - 1);

        var result = await function.InvokeAsync(batch.ToJsonString());

        Assert.Equal("""{"batchItemFailures":[]}""", System.Text.Encoding.UTF8.GetString(result.Body));
    }

    [Fact]
    public async Task Invoke_UnreadableEvent_PostsErrorThenServesTheNextInvocation()
    {
        await using var function = await StartAsync();

        var error = await function.InvokeAsync("{\"Records\": {\"not\": \"an array\"}}");
        var next = await function.InvokeAsync(SampleEvents.Read(SampleEvents.SqsOrders));

        Assert.Equal(RuntimeApiPostKind.InvocationError, error.Kind);
        Assert.Equal("Runtime.UnmarshalError", error.ErrorType);
        Assert.Equal(RuntimeApiPostKind.Response, next.Kind);
        Assert.False(function.Process.HasExited);
    }

    [Fact]
    public async Task Start_MetricsNamespaceInvalid_PostsInitErrorAndExitsNonZero()
    {
        await using var function = await RunningFunction.StartAsync(
            consumer.Build, Environment(("METRICS_NAMESPACE", "AWS/Lambda")));

        var initError = await function.RuntimeApi.WaitForInitErrorAsync();
        var exitCode = await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.StartsWith(
            "METRICS_NAMESPACE", initError.ReadBodyAsJson().GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task RuntimeApi_Answers500_ProcessExitsNonZero()
    {
        await using var function = await StartAsync();

        function.RuntimeApi.EnqueueServerError();
        var exitCode = await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Sigterm_WhileWaitingForWork_ProcessExitsZero()
    {
        await using var function = await StartAsync();
        await function.InvokeAsync(SampleEvents.Read(SampleEvents.SqsOrders));

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", function.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var exitCode = await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(0, exitCode);
    }

    private Task<RunningFunction> StartAsync() =>
        RunningFunction.StartAsync(consumer.Build, Environment(("METRICS_NAMESPACE", "OrderPipeline")));

    private Dictionary<string, string> Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>
        {
            ["ORDERS_TABLE_NAME"] = Table,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl,
        };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }
}

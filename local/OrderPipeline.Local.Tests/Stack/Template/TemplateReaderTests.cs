using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class TemplateReaderTests
{
    private static readonly LocalAccount Account = TestAccount.With();

    private static readonly LocalTemplate Repository =
        TemplateReader.Load(Path.Combine(RepositoryRoot.Find(), "template.yaml"), Account);

    /// <summary>The 12 characters CloudFormation appends to the name of a resource the template leaves unnamed.</summary>
    private static string Suffix(string logicalId) => Account.GeneratedName(logicalId, 255)[^12..];

    [Fact]
    public void Load_RepositoryTemplate_ReadsProducerWithGlobalsAndResolvedQueueUrl()
    {
        var producer = Repository.Function("ProducerFunction");

        Assert.Equal(
            new FunctionDefinition("ProducerFunction", "local-stack-ProducerFunction-" + Suffix("ProducerFunction"), "provided.al2023", "bootstrap", ".", 10, 256, producer.Architectures,
                producer.Environment, "Active", new FunctionLoggingConfig("JSON", "INFO", "INFO"), producer.ApiEvents,
                producer.SqsEvents, "makefile"),
            producer);
        Assert.Equal(["x86_64"], producer.Architectures);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["LOG_LEVEL"] = "INFO",
                ["OTEL_TRACES_EXPORTER"] = "xray",
                ["ORDERS_QUEUE_URL"] = "http://127.0.0.1:9324/000000000000/local-stack-OrdersQueue-" + Suffix("OrdersQueue"),
                ["IDEMPOTENCY_TABLE_NAME"] = "local-stack-IdempotencyTable-" + Suffix("IdempotencyTable"),
                ["IDEMPOTENCY_KEY_HOURS"] = "24",
                ["METRICS_NAMESPACE"] = "OrderPipeline",
            },
            producer.Environment);
        Assert.Equal(new ApiEventSource("PostOrder", "/orders", "POST", Account.RestApiId("OrdersApi"), "OrdersApi"), Assert.Single(producer.ApiEvents));
        Assert.Empty(producer.SqsEvents);
    }

    [Fact]
    public void Load_RepositoryTemplate_ReadsConsumerSqsEvent()
    {
        var consumer = Repository.Function("ConsumerFunction");

        var source = Assert.Single(consumer.SqsEvents);
        Assert.Equal(("Orders", "arn:aws:sqs:eu-west-1:000000000000:local-stack-OrdersQueue-" + Suffix("OrdersQueue"), 10, 1, 5),
            (source.Name, source.Queue, source.BatchSize, source.MaximumBatchingWindowInSeconds, source.MaximumConcurrency));
        Assert.Equal(["ReportBatchItemFailures"], source.FunctionResponseTypes);
        Assert.True(source.ReportsBatchItemFailures);
        Assert.Equal(30, consumer.Timeout);
        Assert.Equal("OrderPipeline", consumer.Environment["METRICS_NAMESPACE"]);
        Assert.Empty(consumer.ApiEvents);
    }

    [Fact]
    public void Load_RepositoryTemplate_ReadsQueuesWithRedrivePolicy()
    {
        Assert.Equal(
            [
                new QueueDefinition("OrdersQueue", Account.GeneratedName("OrdersQueue", 80), 180, 345600,
                    new SqsRedrivePolicy(
                        "arn:aws:sqs:eu-west-1:000000000000:" + Account.GeneratedName("OrdersDeadLetterQueue", 80), 5)),
                new QueueDefinition("OrdersDeadLetterQueue", Account.GeneratedName("OrdersDeadLetterQueue", 80), 30, 1209600, null),
            ],
            Repository.Queues);
    }

    [Fact]
    public void Load_RepositoryTemplate_ReadsTablesWhoseNamesTheFunctionsGet()
    {
        Assert.Equal(
            [
                new TableDefinition("OrdersTable", Account.GeneratedName("OrdersTable", 255), new TableKey("orderId", "S"), null),
                new TableDefinition("IdempotencyTable", Account.GeneratedName("IdempotencyTable", 255), new TableKey("id", "S"), null),
            ],
            Repository.Tables);
        Assert.Equal(Repository.Tables[1].Name, Repository.Function("ProducerFunction").Environment["IDEMPOTENCY_TABLE_NAME"]);
        Assert.Equal(Repository.Tables[0].Name, Repository.Function("ConsumerFunction").Environment["ORDERS_TABLE_NAME"]);
    }

    [Fact]
    public void Load_RepositoryTemplate_ReadsApiAndParameters()
    {
        var api = Assert.Single(Repository.Apis);
        Assert.Equal(new ApiDefinition("OrdersApi", "local-stack", Account.RestApiId("OrdersApi"), "v1", true, "AWS_IAM"), api with { MethodSettings = null });
        Assert.Equal([new ApiMethodSetting("/*", "*", 50, 100)], api.MethodSettings!);
        Assert.Equal(5, Assert.Single(Repository.Function("ConsumerFunction").SqsEvents).MaximumConcurrency);
        Assert.Equal(
            ["StageName=v1", "LogLevel=INFO", "LogRetentionInDays=30", "IdempotencyKeyHours=24", "TraceReservoirPerSecond=1", "TraceFixedRate=0.05",
             "ApiThrottlingRateLimit=50", "ApiThrottlingBurstLimit=100", "ConsumerMaximumConcurrency=5", "AlarmTopicArn=", "CreateApiGatewayLoggingRole=false", "TracesExporter=xray", "OtlpTracesEndpoint="],
            Repository.Parameters.Select(parameter => $"{parameter.Name}={parameter.Value}"));
        Assert.Equal(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], Repository.Parameters[1].AllowedValues);
    }

    [Fact]
    public void Load_RepositoryTemplateWithLogLevelOverride_ResolvesApplicationLogLevel()
    {
        var resources = TestAccount.With(("LogLevel", "DEBUG"));

        var template = TemplateReader.Load(Path.Combine(RepositoryRoot.Find(), "template.yaml"), resources);

        Assert.Equal("DEBUG", template.Function("ConsumerFunction").LoggingConfig?.ApplicationLogLevel);
    }

    [Theory]
    [InlineData("Resources: [", "Template: not valid YAML")]
    [InlineData("Description: none", "Template: the Resources section is missing.")]
    [InlineData("- a\n- b", "Template: expected one YAML document holding a mapping.")]
    [InlineData("Resources:\n  X:\n    Properties: {}", "Resources.X: the resource has no Type.")]
    public void Parse_MalformedTemplate_ThrowsTemplateException(string yaml, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => TemplateReader.Parse(yaml, TestAccount.With()));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_UnknownLogicalId_Throws()
    {
        var exception = Assert.Throws<TemplateException>(() => Repository.Function("Nope"));

        Assert.Equal("The template has no AWS::Serverless::Function named Nope.", exception.Message);
    }

    [Theory]
    [InlineData("otlp", "", "otlp", null)]
    [InlineData("otlp", "http://127.0.0.1:4318/v1/traces", "otlp", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("xray", "", "xray", null)]
    public void Load_RepositoryTemplateWithTracesParameters_SetsOpenTelemetrysVariablesOnBothFunctions(
        string exporter, string endpoint, string expectedExporter, string? expectedEndpoint)
    {
        var template = TemplateReader.Load(
            Path.Combine(RepositoryRoot.Find(), "template.yaml"),
            TestAccount.With(("TracesExporter", exporter), ("OtlpTracesEndpoint", endpoint)));

        foreach (var function in template.Functions)
        {
            Assert.Equal(expectedExporter, function.Environment["OTEL_TRACES_EXPORTER"]);
            Assert.Equal(expectedEndpoint, function.Environment.GetValueOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        }

        Assert.Equal(2, template.Functions.Count);
    }

    [Fact]
    public void Load_RepositoryTemplateWithAnExporterItDoesNotAllow_IsRefused()
    {
        var refused = Assert.Throws<TemplateException>(() => TemplateReader.Load(
            Path.Combine(RepositoryRoot.Find(), "template.yaml"), TestAccount.With(("TracesExporter", "jaeger"))));

        Assert.Contains("TracesExporter", refused.Message, StringComparison.Ordinal);
    }
}

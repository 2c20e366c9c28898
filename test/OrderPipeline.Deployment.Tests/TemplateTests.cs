using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderPipeline.Deployment.Tests;

public sealed class TemplateTests
{
    private readonly SamTemplate _template = SamTemplate.Load();

    [Fact]
    public void Header_DeclaresFormatTransformAndDescription()
    {
        Assert.Equal("2010-09-09", (string?)_template.Root["AWSTemplateFormatVersion"]);
        Assert.Equal("AWS::Serverless-2016-10-31", (string?)_template.Root["Transform"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)_template.Root["Description"]));
    }

    [Fact]
    public void GlobalsFunction_RunsTracedBootstrapOnProvidedAl2023WithJsonLogs()
    {
        var globals = _template.GlobalsFunction;

        Assert.Equal("provided.al2023", (string?)globals["Runtime"]);
        Assert.Equal("bootstrap", (string?)globals["Handler"]);
        JsonAssert.Equal("""["x86_64"]""", globals["Architectures"]);
        Assert.Equal("Active", (string?)globals["Tracing"]);
        Assert.Equal(256, (int?)globals["MemorySize"]);
        var logging = SamTemplate.Object(globals, "LoggingConfig");
        Assert.Equal("JSON", (string?)logging["LogFormat"]);
        JsonAssert.Equal("""{"Fn::If":["LogLevelAboveInfo","INFO",{"Ref":"LogLevel"}]}""", logging["ApplicationLogLevel"]);
        Assert.Equal("INFO", Resolve(logging["SystemLogLevel"]));
        JsonAssert.Equal("""{"Ref":"LogLevel"}""", SamTemplate.Object(globals, "Environment", "Variables")["LOG_LEVEL"]);
    }

    [Fact]
    public void StageName_Default_MatchesItsAllowedPattern()
    {
        var stageName = SamTemplate.Object(_template.Root, "Parameters", "StageName");

        Assert.Matches(new Regex((string)stageName["AllowedPattern"]!), (string?)stageName["Default"]);
    }

    [Fact]
    public void Functions_AreProducerAndConsumerBuiltByMakefileFromRepositoryRoot()
    {
        Assert.Equal(["ConsumerFunction", "ProducerFunction"], _template.FunctionLogicalIds.Order());
        foreach (var function in _template.FunctionLogicalIds)
        {
            Assert.Equal("makefile", (string?)SamTemplate.Object(_template.Resource(function), "Metadata")["BuildMethod"]);
            Assert.Equal(".", (string?)_template.Properties(function)["CodeUri"]);
        }
    }

    [Fact]
    public void ProducerTimeout_IsBelowApiGatewayIntegrationLimit()
    {
        var timeout = (int)_template.EffectiveFunctionProperty("ProducerFunction", "Timeout")!;

        Assert.InRange(timeout, 3, 28);
    }

    [Fact]
    public void OrdersQueue_VisibilityTimeout_IsAtLeastSixConsumerTimeouts()
    {
        var consumerTimeout = (int?)_template.EffectiveFunctionProperty("ConsumerFunction", "Timeout") ?? 3;

        var visibilityTimeout = (int)_template.Properties("OrdersQueue")["VisibilityTimeout"]!;

        Assert.True(visibilityTimeout >= 6 * consumerTimeout, $"{visibilityTimeout} s < 6 × {consumerTimeout} s");
    }

    [Fact]
    public void OrdersQueue_Redrive_MovesToDeadLetterQueueAfterFiveReceives()
    {
        JsonAssert.Equal(
            """{"deadLetterTargetArn":{"Fn::GetAtt":["OrdersDeadLetterQueue","Arn"]},"maxReceiveCount":5}""",
            _template.Properties("OrdersQueue")["RedrivePolicy"]);
    }

    [Fact]
    public void DeadLetterQueue_KeepsMessagesFourteenDaysLongerThanOrdersQueue()
    {
        var retention = (int)_template.Properties("OrdersDeadLetterQueue")["MessageRetentionPeriod"]!;
        var ordersRetention = (int?)_template.Properties("OrdersQueue")["MessageRetentionPeriod"] ?? 345600;

        Assert.Equal(1209600, retention);
        Assert.True(retention > ordersRetention);
    }

    [Theory]
    [InlineData("OrdersQueue")]
    [InlineData("OrdersDeadLetterQueue")]
    public void Queue_IsEncryptedAtRest(string queue)
    {
        Assert.Equal("AWS::SQS::Queue", (string?)_template.Resource(queue)["Type"]);
        Assert.True((bool?)_template.Properties(queue)["SqsManagedSseEnabled"]);
    }

    [Fact]
    public void OrdersApi_IsTracedThrottledRestApiOnTheStageParameter()
    {
        var api = _template.Properties("OrdersApi");

        Assert.Equal("AWS::Serverless::Api", (string?)_template.Resource("OrdersApi")["Type"]);
        Assert.True((bool?)api["TracingEnabled"]);
        JsonAssert.Equal("""{"Ref":"StageName"}""", api["StageName"]);
        var settings = Assert.Single(api["MethodSettings"]!.AsArray())!;
        Assert.Equal(("/*", "*"), ((string?)settings["ResourcePath"], (string?)settings["HttpMethod"]));
        JsonAssert.Equal("""{"Ref":"ApiThrottlingRateLimit"}""", settings["ThrottlingRateLimit"]);
        JsonAssert.Equal("""{"Ref":"ApiThrottlingBurstLimit"}""", settings["ThrottlingBurstLimit"]);
        // The account's own limits (10,000 requests a second, a burst of 5,000) bound what a stage may set.
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
        var parameters = SamTemplate.Object(_template.Root, "Parameters");
        Assert.Equal((50, 0, 10000), ((int)parameters["ApiThrottlingRateLimit"]!["Default"]!, (int)parameters["ApiThrottlingRateLimit"]!["MinValue"]!, (int)parameters["ApiThrottlingRateLimit"]!["MaxValue"]!));
        Assert.Equal((100, 0, 5000), ((int)parameters["ApiThrottlingBurstLimit"]!["Default"]!, (int)parameters["ApiThrottlingBurstLimit"]!["MinValue"]!, (int)parameters["ApiThrottlingBurstLimit"]!["MaxValue"]!));
    }

    [Fact]
    public void Producer_PostOrdersSendsToOrdersQueueAndKeepsKeysInIdempotencyTable()
    {
        var producer = _template.Properties("ProducerFunction");

        JsonAssert.Equal(
            """
            {"ORDERS_QUEUE_URL":{"Ref":"OrdersQueue"},"IDEMPOTENCY_TABLE_NAME":{"Ref":"IdempotencyTable"},
             "IDEMPOTENCY_KEY_HOURS":{"Ref":"IdempotencyKeyHours"},"METRICS_NAMESPACE":"OrderPipeline"}
            """,
            producer["Environment"]!["Variables"]);
        var api = Assert.Single(SamTemplate.Object(producer, "Events")).Value!;
        Assert.Equal("Api", (string?)api["Type"]);
        JsonAssert.Equal("""{"Ref":"OrdersApi"}""", api["Properties"]!["RestApiId"]);
        Assert.Equal("/orders", (string?)api["Properties"]!["Path"]);
        Assert.Equal("POST", ((string?)api["Properties"]!["Method"])?.ToUpperInvariant());
    }

    [Fact]
    public void Consumer_ReadsOrdersQueueInBatchesReportingFailedItemsAndStoresInOrdersTable()
    {
        var consumer = _template.Properties("ConsumerFunction");

        JsonAssert.Equal(
            """{"METRICS_NAMESPACE":"OrderPipeline","ORDERS_TABLE_NAME":{"Ref":"OrdersTable"}}""",
            consumer["Environment"]!["Variables"]);
        var sqs = Assert.Single(SamTemplate.Object(consumer, "Events")).Value!;
        Assert.Equal("SQS", (string?)sqs["Type"]);
        var properties = SamTemplate.Object(sqs, "Properties");
        JsonAssert.Equal("""{"Fn::GetAtt":["OrdersQueue","Arn"]}""", properties["Queue"]);
        Assert.Equal(10, (int?)properties["BatchSize"]);
        Assert.InRange((int)properties["MaximumBatchingWindowInSeconds"]!, 1, 300);
        JsonAssert.Equal("""["ReportBatchItemFailures"]""", properties["FunctionResponseTypes"]);
        JsonAssert.Equal("""{"Ref":"ConsumerMaximumConcurrency"}""", properties["ScalingConfig"]!["MaximumConcurrency"]);
    }

    [Fact]
    public void Functions_LogToTheirOwnLogGroupWithRetention()
    {
        foreach (var function in _template.FunctionLogicalIds)
        {
            var logGroup = (string)_template.Properties(function)["LoggingConfig"]!["LogGroup"]!["Ref"]!;
            Assert.Equal("AWS::Logs::LogGroup", (string?)_template.Resource(logGroup)["Type"]);
            Assert.NotNull(_template.Properties(logGroup)["RetentionInDays"]);
        }
    }

    [Fact]
    public void Outputs_GiveApiUrlQueueUrlsAndTableName()
    {
        var outputs = SamTemplate.Object(_template.Root, "Outputs");

        var apiUrl = (string)outputs["ApiUrl"]!["Value"]!["Fn::Sub"]!;
        Assert.Equal("https://${OrdersApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${StageName}/orders", apiUrl);
        JsonAssert.Equal("""{"Ref":"OrdersQueue"}""", outputs["OrdersQueueUrl"]!["Value"]);
        JsonAssert.Equal("""{"Ref":"OrdersDeadLetterQueue"}""", outputs["OrdersDeadLetterQueueUrl"]!["Value"]);
        JsonAssert.Equal("""{"Ref":"OrdersTable"}""", outputs["OrdersTableName"]!["Value"]);
        JsonAssert.Equal("""{"Ref":"IdempotencyTable"}""", outputs["IdempotencyTableName"]!["Value"]);
    }

    [Fact]
    public void References_NameDeclaredResourcesParametersOrPseudoParameters()
    {
        var declared = _template.Resources.Select(r => r.Key)
            .Concat(SamTemplate.Object(_template.Root, "Parameters").Select(p => p.Key))
            .ToHashSet(StringComparer.Ordinal);

        var unknown = References(_template.Root)
            .Where(name => !declared.Contains(name) && !name.StartsWith("AWS::", StringComparison.Ordinal));

        Assert.Empty(unknown);
    }

    private string? Resolve(JsonNode? value) =>
        value is JsonObject { } intrinsic && intrinsic["Ref"] is { } parameter
            ? (string?)SamTemplate.Object(_template.Root, "Parameters", (string)parameter!)["Default"]
            : (string?)value;

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => pair.Key switch
        {
            "Ref" => [(string)pair.Value!],
            "Fn::GetAtt" => [(string)pair.Value![0]!],
            "Fn::Sub" when pair.Value is JsonValue => SubReferences((string)pair.Value!),
            _ => References(pair.Value),
        }),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    private static IEnumerable<string> SubReferences(string text) =>
        Regex.Matches(text, @"\$\{([^!}][^}]*)\}").Select(m => m.Groups[1].Value.Split('.')[0]);
}

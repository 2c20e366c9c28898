using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderPipeline.Deployment.Tests;

public sealed class TemplateHardeningTests
{
    private const string LogGroupType = "AWS::Logs::LogGroup";

    private static readonly string[] AccessLogFields =
    [
        "requestId", "extendedRequestId", "xrayTraceId", "ip", "requestTime", "httpMethod", "resourcePath", "protocol",
        "status", "responseLength", "responseLatency", "integrationStatus", "integrationLatency", "errorType",
    ];

    private readonly SamTemplate _template = SamTemplate.Load();

    [Fact]
    public void OrdersTable_IsKeyedByOrderIdOnDemandEncryptedRecoverableAndRetained()
    {
        var table = _template.Resource("OrdersTable");
        var properties = _template.Properties("OrdersTable");

        Assert.Equal("AWS::DynamoDB::Table", (string?)table["Type"]);
        Assert.Equal("Retain", (string?)table["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)table["UpdateReplacePolicy"]);
        JsonAssert.Equal("""[{"AttributeName":"orderId","AttributeType":"S"}]""", properties["AttributeDefinitions"]);
        JsonAssert.Equal("""[{"AttributeName":"orderId","KeyType":"HASH"}]""", properties["KeySchema"]);
        Assert.Equal("PAY_PER_REQUEST", (string?)properties["BillingMode"]);
        JsonAssert.Equal("""{"SSEEnabled":true}""", properties["SSESpecification"]);
        JsonAssert.Equal("""{"PointInTimeRecoveryEnabled":true}""", properties["PointInTimeRecoverySpecification"]);
    }

    // The producer ignores expired records itself: DynamoDB deletes them "within a few days" of expiry
    // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
    [Fact]
    public void IdempotencyTable_IsKeyedByIdOnDemandEncryptedAndExpiresRecordsByTimeToLive()
    {
        var table = _template.Resource("IdempotencyTable");
        var properties = _template.Properties("IdempotencyTable");

        Assert.Equal("AWS::DynamoDB::Table", (string?)table["Type"]);
        JsonAssert.Equal("""[{"AttributeName":"id","AttributeType":"S"}]""", properties["AttributeDefinitions"]);
        JsonAssert.Equal("""[{"AttributeName":"id","KeyType":"HASH"}]""", properties["KeySchema"]);
        Assert.Equal("PAY_PER_REQUEST", (string?)properties["BillingMode"]);
        JsonAssert.Equal("""{"SSEEnabled":true}""", properties["SSESpecification"]);
        JsonAssert.Equal("""{"AttributeName":"expiresAt","Enabled":true}""", properties["TimeToLiveSpecification"]);
        var keyHours = SamTemplate.Object(_template.Root, "Parameters")["IdempotencyKeyHours"]!;
        Assert.Equal(24, (int?)keyHours["Default"]);
        Assert.Equal(1, (int?)keyHours["MinValue"]);
        Assert.Equal(720, (int?)keyHours["MaxValue"]);
    }

    [Fact]
    public void DeadLetterQueueAlarm_FiresOnOneVisibleMessageWithinAMinute()
    {
        var alarm = _template.Properties("OrdersDeadLetterQueueAlarm");

        Assert.Equal("AWS::CloudWatch::Alarm", (string?)_template.Resource("OrdersDeadLetterQueueAlarm")["Type"]);
        Assert.Equal("AWS/SQS", (string?)alarm["Namespace"]);
        Assert.Equal("ApproximateNumberOfMessagesVisible", (string?)alarm["MetricName"]);
        JsonAssert.Equal(
            """[{"Name":"QueueName","Value":{"Fn::GetAtt":["OrdersDeadLetterQueue","QueueName"]}}]""", alarm["Dimensions"]);
        Assert.Equal("Maximum", (string?)alarm["Statistic"]);
        Assert.Equal(60, (int?)alarm["Period"]);
        Assert.Equal(1, (int?)alarm["EvaluationPeriods"]);
        Assert.Equal(1, (int?)alarm["DatapointsToAlarm"]);
        Assert.Equal(1, (double?)alarm["Threshold"]);
        Assert.Equal("GreaterThanOrEqualToThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal("notBreaching", (string?)alarm["TreatMissingData"]);
    }

    [Theory]
    [InlineData("AlarmActions")]
    [InlineData("OKActions")]
    public void DeadLetterQueueAlarm_NotifiesTheTopicOnlyWhenOneIsGiven(string actions)
    {
        JsonAssert.Equal(
            """{"Fn::If":["HasAlarmTopic",[{"Ref":"AlarmTopicArn"}],{"Ref":"AWS::NoValue"}]}""",
            _template.Properties("OrdersDeadLetterQueueAlarm")[actions]);
        JsonAssert.Equal(
            """{"Fn::Not":[{"Fn::Equals":[{"Ref":"AlarmTopicArn"},""]}]}""",
            SamTemplate.Object(_template.Root, "Conditions")["HasAlarmTopic"]);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:order-pipeline-alarms", true)]
    [InlineData("arn:aws-cn:sns:cn-north-1:123456789012:alarms_1", true)]
    [InlineData("order-pipeline-alarms", false)]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:orders", false)]
    [InlineData("arn:aws:sns:eu-west-1:1234:alarms", false)]
    public void AlarmTopicArn_AllowedPattern_AcceptsEmptyOrAnSnsTopicArn(string value, bool allowed)
    {
        var parameter = SamTemplate.Object(_template.Root, "Parameters", "AlarmTopicArn");

        Assert.Equal(allowed, Regex.IsMatch(value, (string)parameter["AllowedPattern"]!));
        Assert.Equal("", (string?)parameter["Default"]);
    }

    [Fact]
    public void OrdersApi_WritesJsonAccessLogToItsOwnLogGroup()
    {
        var setting = SamTemplate.Object(_template.Properties("OrdersApi"), "AccessLogSetting");

        Assert.Equal(
            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${ApiAccessLogGroup}",
            (string?)setting["DestinationArn"]!["Fn::Sub"]);
        Assert.Equal(LogGroupType, (string?)_template.Resource("ApiAccessLogGroup")["Type"]);
        var format = Assert.IsType<JsonObject>(JsonNode.Parse((string)setting["Format"]!));
        Assert.Equal(AccessLogFields, format.Select(field => field.Key));
        Assert.All(format, field => Assert.Matches(@"^\$context\.[A-Za-z.]+$", (string?)field.Value));
        Assert.Equal("$context.requestId", (string?)format["requestId"]);
        Assert.Equal("$context.xrayTraceId", (string?)format["xrayTraceId"]);
        Assert.Equal("$context.identity.sourceIp", (string?)format["ip"]);
    }

    [Fact]
    public void OrdersApi_WaitsForTheApiGatewayAccountRoleOnlyWhenTheStackSetsIt()
    {
        Assert.Equal("ApiGatewayAccountReady", (string?)_template.Resource("OrdersApi")["DependsOn"]);
        JsonAssert.Equal(
            """{"ApiGatewayAccount":{"Fn::If":["ShouldCreateApiGatewayLoggingRole",{"Ref":"ApiGatewayAccount"},""]}}""",
            _template.Resource("ApiGatewayAccountReady")["Metadata"]);
        var account = _template.Resource("ApiGatewayAccount");
        Assert.Equal("ShouldCreateApiGatewayLoggingRole", (string?)account["Condition"]);
        Assert.Equal("Retain", (string?)account["DeletionPolicy"]);
        JsonAssert.Equal("""{"Fn::GetAtt":["ApiGatewayLoggingRole","Arn"]}""", account["Properties"]!["CloudWatchRoleArn"]);
        JsonAssert.Equal(
            """{"Fn::Equals":[{"Ref":"CreateApiGatewayLoggingRole"},"true"]}""",
            SamTemplate.Object(_template.Root, "Conditions")["ShouldCreateApiGatewayLoggingRole"]);
        Assert.Equal("false", (string?)SamTemplate.Object(_template.Root, "Parameters", "CreateApiGatewayLoggingRole")["Default"]);
    }

    [Fact]
    public void LogGroups_AllKeepEventsForTheRetentionParameter()
    {
        var logGroups = _template.Resources.Where(r => (string?)r.Value?["Type"] == LogGroupType).ToList();

        Assert.Equal(3, logGroups.Count);
        Assert.All(logGroups, group => JsonAssert.Equal(
            """{"Ref":"LogRetentionInDays"}""", _template.Properties(group.Key)["RetentionInDays"]));
    }

    [Fact]
    public void Consumer_ConcurrencyIsBoundedByItsEventSourceNotByAReservation()
    {
        var scaling = SamTemplate.Object(_template.Properties("ConsumerFunction"), "Events", "Orders", "Properties", "ScalingConfig");

        var parameter = SamTemplate.Object(_template.Root, "Parameters", "ConsumerMaximumConcurrency");

        JsonAssert.Equal("""{"Ref":"ConsumerMaximumConcurrency"}""", scaling["MaximumConcurrency"]);
        // Lambda's range for ScalingConfig.MaximumConcurrency is 2 to 1,000; the default fits an account whose quota
        // is 10. https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
        Assert.Equal((2, 1000), ((int)parameter["MinValue"]!, (int)parameter["MaxValue"]!));
        Assert.InRange((int)parameter["Default"]!, 2, 10);
        Assert.Null(_template.EffectiveFunctionProperty("ConsumerFunction", "ReservedConcurrentExecutions"));
    }

    [Fact]
    public void Conditions_NamedByResourcesAndIfs_AreDeclared()
    {
        var declared = SamTemplate.Object(_template.Root, "Conditions").Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

        var used = _template.Resources.Select(r => (string?)r.Value?["Condition"]).OfType<string>()
            .Concat(IfConditions(_template.Root)).ToList();

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.Contains(name, declared));
    }

    private static IEnumerable<string> IfConditions(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => pair.Key == "Fn::If"
            ? [(string)pair.Value![0]!, .. IfConditions(pair.Value)]
            : IfConditions(pair.Value)),
        JsonArray array => array.SelectMany(IfConditions),
        _ => [],
    };
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrderPipeline.Deployment.Tests;

// The alarms that page before the dead-letter queue fills, the dashboard beside them, and X-Ray's sampling rule for the
// orders API. A message reaches the dead-letter queue after 5 receives x 180 s: every alarm must fire well before.
public sealed partial class TemplateObservabilityTests
{
    private const string AlarmType = "AWS::CloudWatch::Alarm";

    private static readonly string[] AlarmActionProperties = ["AlarmActions", "OKActions"];

    private readonly SamTemplate _template = SamTemplate.Load();

    public static TheoryData<string, string, string, string, string, int, int, int, double> Alarms => new()
    {
        // logical id, namespace, metric, dimension, statistic, period, evaluation periods, datapoints, threshold
        { "ProducerNonRetryableFailuresAlarm", "OrderPipeline", "NonRetryableFailures", "", "Sum", 60, 1, 1, 1 },
        { "ProducerErrorsAlarm", "AWS/Lambda", "Errors", """[{"Name":"FunctionName","Value":{"Ref":"ProducerFunction"}}]""", "Sum", 60, 5, 2, 1 },
        { "ProducerThrottlesAlarm", "AWS/Lambda", "Throttles", """[{"Name":"FunctionName","Value":{"Ref":"ProducerFunction"}}]""", "Sum", 60, 1, 1, 1 },
        { "ConsumerErrorsAlarm", "AWS/Lambda", "Errors", """[{"Name":"FunctionName","Value":{"Ref":"ConsumerFunction"}}]""", "Sum", 60, 5, 2, 1 },
        { "ConsumerThrottlesAlarm", "AWS/Lambda", "Throttles", """[{"Name":"FunctionName","Value":{"Ref":"ConsumerFunction"}}]""", "Sum", 60, 5, 3, 1 },
        {
            "ApiServerErrorRateAlarm", "AWS/ApiGateway", "5XXError",
            """[{"Name":"ApiName","Value":{"Ref":"AWS::StackName"}},{"Name":"Stage","Value":{"Ref":"StageName"}}]""", "Average", 60, 3, 2, 0.05
        },
        {
            "OrdersQueueAgeAlarm", "AWS/SQS", "ApproximateAgeOfOldestMessage",
            """[{"Name":"QueueName","Value":{"Fn::GetAtt":["OrdersQueue","QueueName"]}}]""", "Maximum", 60, 2, 2, 300
        },
        { "IdempotencyConflictsAlarm", "OrderPipeline", "IdempotencyConflicts", "", "Sum", 300, 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Alarms))]
    public void Alarm_WatchesItsMetricWithItsArguedThreshold(
        string logicalId, string metricNamespace, string metric, string dimensions, string statistic, int period,
        int evaluationPeriods, int datapoints, double threshold)
    {
        var alarm = _template.Properties(logicalId);

        Assert.Equal(AlarmType, (string?)_template.Resource(logicalId)["Type"]);
        Assert.Equal(metricNamespace, (string?)alarm["Namespace"]);
        Assert.Equal(metric, (string?)alarm["MetricName"]);
        if (dimensions.Length == 0)
        {
            Assert.Null(alarm["Dimensions"]);
        }
        else
        {
            JsonAssert.Equal(dimensions, alarm["Dimensions"]);
        }

        Assert.Equal(
            (statistic, period, evaluationPeriods, datapoints, threshold, "GreaterThanOrEqualToThreshold", "notBreaching"),
            ((string?)alarm["Statistic"], (int?)alarm["Period"], (int?)alarm["EvaluationPeriods"], (int?)alarm["DatapointsToAlarm"],
             (double?)alarm["Threshold"], (string?)alarm["ComparisonOperator"], (string?)alarm["TreatMissingData"]));
    }

    [Fact]
    public void Alarms_EveryOneNotifiesTheTopicWhenGivenAndFiresBeforeTheFirstDeadLetter()
    {
        var alarms = _template.Resources.Where(resource => (string?)resource.Value!["Type"] == AlarmType).Select(resource => resource.Key).ToList();

        Assert.Equal(Alarms.Count + 1, alarms.Count); // and the dead-letter queue's own
        var redrive = _template.Properties("OrdersQueue");
        var untilDeadLetter = (int)redrive["VisibilityTimeout"]! * (int)redrive["RedrivePolicy"]!["maxReceiveCount"]!;
        Assert.All(alarms, logicalId =>
        {
            var alarm = _template.Properties(logicalId);
            foreach (var actions in AlarmActionProperties)
            {
                JsonAssert.Equal("""{"Fn::If":["HasAlarmTopic",[{"Ref":"AlarmTopicArn"}],{"Ref":"AWS::NoValue"}]}""", alarm[actions]);
            }

            Assert.True((int)alarm["Period"]! * (int)alarm["EvaluationPeriods"]! < untilDeadLetter, logicalId);
        });
    }

    [Fact]
    public void Dashboard_IsValidJsonShowingEveryPartOfThePipelineAndEveryAlarm()
    {
        var sub = _template.Properties("PipelineDashboard")["DashboardBody"]!["Fn::Sub"]!.AsArray();
        var body = (string)sub[0]!;
        var variables = sub[1]!.AsObject();

        // Substitute every ${…} with a placeholder: what is left must be JSON, as CloudWatch requires.
        var resolved = Substitution().Replace(body, "x");
        using var document = JsonDocument.Parse(resolved);
        var widgets = document.RootElement.GetProperty("widgets").EnumerateArray().ToList();
        Assert.Equal(8, widgets.Count);
        foreach (var metric in new[] { "\"5XXError\"", "\"Latency\"", "\"NonRetryableFailures\"", "\"ApproximateAgeOfOldestMessage\"", "\"Errors\"", "OrdersProcessed", "\"IdempotencyConflicts\"" })
        {
            Assert.Contains(metric, body, StringComparison.Ordinal);
        }

        var alarms = _template.Resources.Where(resource => (string?)resource.Value!["Type"] == AlarmType).Select(resource => $"${{{resource.Key}.Arn}}");
        Assert.All(alarms, alarm => Assert.Contains(alarm, body, StringComparison.Ordinal));
        var declared = _template.Resources.Select(r => r.Key).Concat(SamTemplate.Object(_template.Root, "Parameters").Select(p => p.Key))
            .Concat(variables.Select(v => v.Key)).ToHashSet(StringComparer.Ordinal);
        Assert.All(
            Substitution().Matches(body).Select(match => match.Groups[1].Value.Split('.')[0]),
            name => Assert.True(name.StartsWith("AWS::", StringComparison.Ordinal) || declared.Contains(name), name));
    }

    // X-Ray sampling rules: https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html (reservoir per
    // second, then a fixed rate; RuleName at most 32 characters; the default rule has priority 10000).
    [Fact]
    public void SamplingRule_AppliesToTheOrdersStageWithReservoirAndRateFromParameters()
    {
        var rule = _template.Properties("OrdersApiSamplingRule")["SamplingRule"]!;

        Assert.Equal("AWS::XRay::SamplingRule", (string?)_template.Resource("OrdersApiSamplingRule")["Type"]);
        JsonAssert.Equal("""{"Ref":"TraceReservoirPerSecond"}""", rule["ReservoirSize"]);
        JsonAssert.Equal("""{"Ref":"TraceFixedRate"}""", rule["FixedRate"]);
        JsonAssert.Equal(
            """{"Fn::Sub":"arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${OrdersApi}/stages/${StageName}"}""",
            rule["ResourceARN"]);
        Assert.InRange((int)rule["Priority"]!, 1, 9999);
        Assert.Equal(("POST", 1), ((string?)rule["HTTPMethod"], (int?)rule["Version"]));
        var parameters = SamTemplate.Object(_template.Root, "Parameters");
        Assert.Equal((1, 0, 100), ((int)parameters["TraceReservoirPerSecond"]!["Default"]!, (int)parameters["TraceReservoirPerSecond"]!["MinValue"]!, (int)parameters["TraceReservoirPerSecond"]!["MaxValue"]!));
        Assert.Equal((0.05, 0, 1), ((double)parameters["TraceFixedRate"]!["Default"]!, (double)parameters["TraceFixedRate"]!["MinValue"]!, (double)parameters["TraceFixedRate"]!["MaxValue"]!));
    }

    // "orders-" and the first group of the stack id's UUID: 7 + 8 characters, within the 32 a rule name may have.
    [Fact]
    public void SamplingRule_NameFitsThirtyTwoCharactersForAnyStack()
    {
        var name = _template.Properties("OrdersApiSamplingRule")["SamplingRule"]!["RuleName"]!;

        JsonAssert.Equal(
            """{"Fn::Join":["",["orders-",{"Fn::Select":[0,{"Fn::Split":["-",{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}]}]}]]}""",
            name);
        const string StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/a-stack-name-of-any-length-up-to-128/51af3dc0-da77-11e4-872e-1234567db123";
        var resolved = "orders-" + StackId.Split('/')[2].Split('-')[0];
        Assert.Equal("orders-51af3dc0", resolved);
        Assert.True(resolved.Length <= 32);
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Substitution();
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderPipeline.Deployment.Tests;

public sealed partial class TemplateIamTests
{
    private const string RoleType = "AWS::IAM::Role";
    private const string LogsWrite =
        """logs:CreateLogStream {"Fn::GetAtt":["LogGroup","Arn"]}|logs:PutLogEvents {"Fn::GetAtt":["LogGroup","Arn"]}""";
    private const string TracesWrite = """xray:PutTelemetryRecords "*"|xray:PutTraceSegments "*" """;

    private static readonly string[] XRayWriteActions = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"];

    private readonly SamTemplate _template = SamTemplate.Load();

    public static TheoryData<string> QueueLogicalIds => ["OrdersQueue", "OrdersDeadLetterQueue"];

    [Fact]
    public void Functions_RunWithTheirOwnRoleAndNoSamPolicies()
    {
        var roles = _template.FunctionLogicalIds.Select(function =>
        {
            var properties = _template.Properties(function);
            Assert.Null(properties["Policies"]);
            Assert.Null(_template.GlobalsFunction["Policies"]);
            var role = (string)SamTemplate.Object(properties, "Role")["Fn::GetAtt"]![0]!;
            Assert.Equal("Arn", (string?)properties["Role"]!["Fn::GetAtt"]![1]);
            Assert.Equal(RoleType, (string?)_template.Resource(role)["Type"]);
            return role;
        }).ToList();

        Assert.Equal(roles.Count, roles.Distinct().Count());
        Assert.All(roles, role =>
        {
            Assert.Null(_template.Properties(role)["ManagedPolicyArns"]);
            var trust = Assert.Single(
                PolicyStatement.Of(_template, role), s => s.Location.Contains("AssumeRole", StringComparison.Ordinal));
            Assert.Equal(["sts:AssumeRole"], trust.Actions);
            JsonAssert.Equal("""{"Service":"lambda.amazonaws.com"}""", trust.Node["Principal"]);
        });
    }

    [Fact]
    public void ProducerRole_AllowsOnlyItsLogsTracesSendMessageOnOrdersQueueAndKeyWritesOnIdempotencyTable()
    {
        var expected = Pairs(
            LogsWrite.Replace("LogGroup", "ProducerLogGroup", StringComparison.Ordinal),
            TracesWrite,
            """sqs:SendMessage {"Fn::GetAtt":["OrdersQueue","Arn"]}""",
            """dynamodb:PutItem {"Fn::GetAtt":["IdempotencyTable","Arn"]}|dynamodb:DeleteItem {"Fn::GetAtt":["IdempotencyTable","Arn"]}""");

        Assert.Equal(expected, PolicyStatement.AllowedPairs(PolicyStatement.Of(_template, RoleOf("ProducerFunction"))));
    }

    [Fact]
    public void ConsumerRole_AllowsOnlyItsLogsTracesPollingOrdersQueueAndPutItemOnOrdersTable()
    {
        var expected = Pairs(
            LogsWrite.Replace("LogGroup", "ConsumerLogGroup", StringComparison.Ordinal),
            TracesWrite,
            """sqs:ReceiveMessage {"Fn::GetAtt":["OrdersQueue","Arn"]}|sqs:DeleteMessage {"Fn::GetAtt":["OrdersQueue","Arn"]}""",
            """sqs:GetQueueAttributes {"Fn::GetAtt":["OrdersQueue","Arn"]}""",
            """dynamodb:PutItem {"Fn::GetAtt":["OrdersTable","Arn"]}""");

        Assert.Equal(expected, PolicyStatement.AllowedPairs(PolicyStatement.Of(_template, RoleOf("ConsumerFunction"))));
    }

    [Fact]
    public void AllowStatements_NameEveryActionExactly()
    {
        var allows = PolicyStatement.All(_template).Where(s => s.Effect == "Allow").ToList();

        Assert.NotEmpty(allows);
        Assert.All(allows, statement =>
        {
            Assert.NotEmpty(statement.Actions);
            Assert.All(statement.Actions, action => Assert.Matches(ExactAction(), action));
            Assert.Null(statement.Node["NotAction"]);
            Assert.Null(statement.Node["NotResource"]);
        });
    }

    [Fact]
    public void ResourceStar_IsAllowedOnlyForXRayWritesWhichHaveNoResourceLevelPermissions()
    {
        var starred = PolicyStatement.All(_template).Where(s => s.HasResourceStar).ToList();

        Assert.Equal(2, starred.Count);
        Assert.All(starred, statement =>
        {
            Assert.Equal("Allow", statement.Effect);
            Assert.Equal(XRayWriteActions, statement.Actions.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void ManagedPolicies_OnlyOnTheOptionalRetainedApiGatewayLoggingRole()
    {
        var withManaged = _template.Resources
            .Where(r => (string?)r.Value?["Type"] == RoleType && r.Value?["Properties"]?["ManagedPolicyArns"] is not null)
            .Select(r => r.Key);

        Assert.Equal(["ApiGatewayLoggingRole"], withManaged);
        var role = _template.Resource("ApiGatewayLoggingRole");
        Assert.Equal("ShouldCreateApiGatewayLoggingRole", (string?)role["Condition"]);
        Assert.Equal("Retain", (string?)role["DeletionPolicy"]);
        JsonAssert.Equal(
            """[{"Fn::Sub":"arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"}]""",
            role["Properties"]!["ManagedPolicyArns"]);
        var trust = Assert.Single(PolicyStatement.Of(_template, "ApiGatewayLoggingRole"));
        JsonAssert.Equal("""{"Service":"apigateway.amazonaws.com"}""", trust.Node["Principal"]);
    }

    [Fact]
    public void IamResources_HaveNoFixedName_SoCapabilityIamIsEnough()
    {
        var iam = _template.Resources
            .Where(r => ((string?)r.Value?["Type"])?.StartsWith("AWS::IAM::", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Equal(3, iam.Count);
        Assert.All(iam, resource => Assert.Null(_template.Properties(resource.Key)["RoleName"]));
        Assert.Equal("\"CAPABILITY_IAM\"", SamConfigTests.Load().Value("default.deploy.parameters", "capabilities"));
    }

    [Theory]
    [MemberData(nameof(QueueLogicalIds))]
    public void Queue_PolicyDeniesEveryRequestWithoutTls(string queue)
    {
        var policy = Assert.Single(
            _template.Resources,
            r => (string?)r.Value?["Type"] == "AWS::SQS::QueuePolicy"
                && JsonNode.DeepEquals(r.Value?["Properties"]?["Queues"], new JsonArray(new JsonObject { ["Ref"] = queue })));

        var statement = Assert.Single(PolicyStatement.Of(_template, policy.Key));

        Assert.Equal("Deny", statement.Effect);
        Assert.Equal("*", (string?)statement.Node["Principal"]);
        Assert.Equal(["sqs:*"], statement.Actions);
        JsonAssert.Equal(
            $$"""[{"Fn::GetAtt":["{{queue}}","Arn"]}]""", new JsonArray([.. statement.Resources.Select(r => r?.DeepClone())]));
        JsonAssert.Equal("""{"Bool":{"aws:SecureTransport":"false"}}""", statement.Node["Condition"]);
    }

    private string RoleOf(string function) => (string)_template.Properties(function)["Role"]!["Fn::GetAtt"]![0]!;

    private static string[] Pairs(params string[] groups) =>
        [.. groups.SelectMany(group => group.Split('|')).Select(pair => pair.Trim()).Order(StringComparer.Ordinal)];

    [GeneratedRegex("^[a-z0-9-]+:[A-Za-z0-9]+$")]
    private static partial Regex ExactAction();
}

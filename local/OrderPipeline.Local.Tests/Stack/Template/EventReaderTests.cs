using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class EventReaderTests
{
    private static FunctionDefinition Read(string events) => InlineTemplate.Parse($"""
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
            {events}

            """).Function("Fn");

    [Fact]
    public void ReadSqsEvents_TemplateSilent_AppliesDefaults()
    {
        var function = Read("        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn");

        Assert.Equal(
            new SqsEventSourceMappingSettings(
                "Fn", "Q", "arn:aws:sqs:eu-west-1:000000000000:local-stack-Queue-W5ABP2L9UQ05", 10, 0, function.SqsEvents[0].FunctionResponseTypes, 5),
            Assert.Single(function.SqsEvents));
        Assert.Empty(function.SqsEvents[0].FunctionResponseTypes);
        Assert.False(function.SqsEvents[0].ReportsBatchItemFailures);
    }

    [Fact]
    public void ReadApiEvents_MethodAndRestApi_UpperCasedAndResolved()
    {
        var function = Read("        A:\n          Type: Api\n          Properties:\n            RestApiId: {Ref: Api}\n            Path: /x/{id}\n            Method: any");

        Assert.Equal(new ApiEventSource("A", "/x/{id}", "ANY", "h8p9ijlr62", "Api"), Assert.Single(function.ApiEvents));
    }

    [Theory]
    [InlineData("NONE")]
    [InlineData("AWS_IAM")]
    public void ReadApiEvents_AuthAuthorizer_Read(string authorizer)
    {
        var function = Read($"        A:\n          Type: Api\n          Properties:\n            RestApiId: !Ref Api\n            Path: /a\n            Method: get\n            Auth:\n              Authorizer: {authorizer}");

        Assert.Equal(new ApiEventSource("A", "/a", "GET", "h8p9ijlr62", "Api", authorizer), Assert.Single(function.ApiEvents));
    }

    [Fact]
    public void ReadApiEvents_AnotherAuthorizer_ThrowsNamingIt()
    {
        var exception = Assert.Throws<TemplateException>(() => Read(
            "        A:\n          Type: Api\n          Properties:\n            Path: /a\n            Method: get\n            Auth:\n              Authorizer: MyLambdaAuthorizer"));

        Assert.Equal(
            "Resources.Fn.Properties.Events.A.Properties.Auth.Authorizer: the local stack runs AWS_IAM authorization only, not 'MyLambdaAuthorizer'.",
            exception.Message);
    }

    [Fact]
    public void ReadApiEvents_NoRestApiId_UsesSamImplicitApi()
    {
        var template = InlineTemplate.Parse("""
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      URL: !Sub 'https://${ServerlessRestApi}.execute-api'
                  Events:
                    A:
                      Type: Api
                      Properties:
                        Path: /a
                        Method: get

            """);

        Assert.Equal(new ApiEventSource("A", "/a", "GET", "ar24zfofl9", "ServerlessRestApi"),
            Assert.Single(template.Function("Fn").ApiEvents));
        Assert.Equal("https://ar24zfofl9.execute-api", template.Function("Fn").Environment["URL"]);
        Assert.Contains(new ApiDefinition("ServerlessRestApi", "local-stack", "ar24zfofl9", "Prod", false), template.Apis);
    }

    [Fact]
    public void Read_OtherEventTypes_Skipped()
    {
        var function = Read("        S:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 minute)");

        Assert.Empty(function.ApiEvents);
        Assert.Empty(function.SqsEvents);
    }

    [Theory]
    [InlineData("        Q:\n          Type: SQS\n          Properties:\n            BatchSize: 5", "Resources.Fn.Properties.Events.Q.Properties.Queue is required.")]
    [InlineData("        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn\n            BatchSize: many", "Resources.Fn.Properties.Events.Q.Properties.BatchSize: 'many' is not a whole number.")]
    [InlineData("        A:\n          Type: Api\n          Properties:\n            RestApiId: api-literal\n            Path: /a\n            Method: get", "Resources.Fn.Properties.Events.A.Properties.RestApiId must be a Ref of an AWS::Serverless::Api.")]
    [InlineData("        A:\n          Type: Api\n          Properties:\n            Method: get", "Resources.Fn.Properties.Events.A.Properties.Path is required.")]
    public void Read_InvalidEvent_ThrowsNamingEventAndProperty(string events, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => Read(events));

        Assert.Equal(expected, exception.Message);
    }

    // SAM's SQS event: Enabled and FilterCriteria
    // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sqs.html).
    [Fact]
    public void ReadSqsEvents_EnabledFalseAndFilterCriteria_Read()
    {
        var function = Read("""
                    Q:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Queue.Arn
                        Enabled: false
                        KmsKeyArn: arn:aws:kms:eu-west-1:000000000000:key/1
                        MetricsConfig:
                          Metrics: [EventCount]
                        FilterCriteria:
                          Filters:
                            - Pattern: '{"body": {"currency": ["EUR"]}}'
                            - Pattern: '{"attributes": {"ApproximateReceiveCount": ["1"]}}'
            """);

        var source = Assert.Single(function.SqsEvents);
        Assert.False(source.Enabled);
        Assert.Equal(
            ["""{"body": {"currency": ["EUR"]}}""", """{"attributes": {"ApproximateReceiveCount": ["1"]}}"""],
            source.Filter!.Patterns);
    }

    [Fact]
    public void ReadSqsEvents_TemplateSilentOnEnabledAndFilter_EnabledWithoutFilter()
    {
        var source = Assert.Single(Read("        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn").SqsEvents);

        Assert.True(source.Enabled);
        Assert.Null(source.Filter);
    }

    [Theory]
    [InlineData("            FilterCriteria:\n              Filters:\n                - Pattern: 'not json'", "Resources.Fn.Properties.Events.Q.Properties.FilterCriteria: Filters[0].Pattern is not JSON")]
    [InlineData("            FilterCriteria:\n              Filters:\n                - Pattern: '{\"body\": {\"a\": [{\"wildcard\": \"x*\"}]}}'", "Resources.Fn.Properties.Events.Q.Properties.FilterCriteria: Filters[0].Pattern.body.a: 'wildcard' is not a filter rule Lambda knows.")]
    [InlineData("            FilterCriteria:\n              Filters:\n                - Pattern: '{\"body\": {\"a\": \"x\"}}'", "Resources.Fn.Properties.Events.Q.Properties.FilterCriteria: Filters[0].Pattern.body.a: a pattern's values are lists of rules or nested objects.")]
    [InlineData("            ProvisionedPollerConfig:\n              MinimumPollers: 2", "Resources.Fn.Properties.Events.Q.Properties.ProvisionedPollerConfig: ProvisionedPollerConfig is not supported by the local stack on an SQS event")]
    [InlineData("            ScalingConfig:\n              MaximumConcurrency: 2\n              Minimum: 1", "Resources.Fn.Properties.Events.Q.Properties.ScalingConfig.Minimum: Minimum is not supported by the local stack on ScalingConfig")]
    [InlineData("            Enabled: maybe", "Resources.Fn.Properties.Events.Q.Properties.Enabled: 'maybe' is not true or false.")]
    public void ReadSqsEvents_RefusedProperty_ThrowsNamingIt(string properties, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() =>
            Read("        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn\n" + properties));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadApiEvents_UnsupportedProperty_ThrowsNamingIt()
    {
        var exception = Assert.Throws<TemplateException>(() => Read(
            "        A:\n          Type: Api\n          Properties:\n            Path: /a\n            Method: get\n            RequestParameters: [method.request.header.X]"));

        Assert.StartsWith("Resources.Fn.Properties.Events.A.Properties.RequestParameters: RequestParameters is not supported by the local stack on an Api event",
            exception.Message, StringComparison.Ordinal);
    }
}

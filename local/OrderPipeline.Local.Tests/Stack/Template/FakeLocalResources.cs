using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

internal sealed class FakeLocalResources : ILocalResources
{
    public const string Account = "000000000000";

    public Dictionary<string, string> Overrides { get; } = new(StringComparer.Ordinal);

    public string Region => "eu-west-1";

    public string AccountId => Account;

    public string UrlSuffix => "amazonaws.com";

    public string StackName => "local-stack";

    public string? ParameterOverride(string name) => Overrides.GetValueOrDefault(name);

    public string QueueUrl(string logicalId) => $"http://127.0.0.1:9324/{Account}/{logicalId}";

    public string QueueArn(string logicalId) => $"arn:aws:sqs:eu-west-1:{Account}:{logicalId}";

    public string QueueName(string logicalId) => $"name-{logicalId}";

    public string TableName(string logicalId) => $"table-{logicalId}";

    public string TableArn(string logicalId) => $"arn:aws:dynamodb:eu-west-1:{Account}:table/table-{logicalId}";

    public string ApiId(string logicalId) => $"api-{logicalId}";
}

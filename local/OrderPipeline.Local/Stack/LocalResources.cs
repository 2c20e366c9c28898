using System.Globalization;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// What the template's references resolve to on this machine: queues on the local SQS endpoint, named after their
/// logical ids, in account 000000000000 of <see cref="Region"/>.
/// </summary>
internal sealed class LocalResources(string sqsServiceUrl, string region = LocalResources.DefaultRegion) : ILocalResources
{
    public const string DefaultRegion = "us-east-1";

    public string Region => region;

    public string AccountId => SqsService.AccountId;

    public string UrlSuffix => "amazonaws.com";

    public string StackName => "orderpipeline-local";

    public string? ParameterOverride(string name) => null;

    public string QueueUrl(string logicalId) => SqsService.QueueUrl(sqsServiceUrl, logicalId);

    public string QueueArn(string logicalId) =>
        string.Create(CultureInfo.InvariantCulture, $"arn:aws:sqs:{region}:{AccountId}:{logicalId}");

    public string QueueName(string logicalId) => logicalId;

    public string TableName(string logicalId) => logicalId;

    public string TableArn(string logicalId) =>
        string.Create(CultureInfo.InvariantCulture, $"arn:aws:dynamodb:{region}:{AccountId}:table/{logicalId}");

    public string ApiId(string logicalId) => logicalId.ToLowerInvariant();
}

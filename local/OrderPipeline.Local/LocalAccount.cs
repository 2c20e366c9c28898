using System.Globalization;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local;

/// <summary>
/// The AWS account the local stack plays, account <see cref="Id"/> in <see cref="Region"/>, and what a template's
/// references resolve to in it: queues on the local SQS endpoint and tables named after their logical ids, an API's id
/// its logical id in lower case, the template parameters given on the command line.
/// </summary>
/// <param name="sqsServiceUrl">The SQS endpoint that serves the queues (their URLs start with it).</param>
/// <param name="region">The region of every ARN and of <c>AWS::Region</c>.</param>
/// <param name="parameterOverrides">Template parameter values that replace the defaults; null for none.</param>
/// <param name="stackName">What <c>AWS::StackName</c> gives.</param>
internal sealed class LocalAccount(
    string sqsServiceUrl,
    string region = LocalAccount.DefaultRegion,
    IReadOnlyDictionary<string, string>? parameterOverrides = null,
    string stackName = LocalAccount.DefaultStackName)
{
    public const string Id = "000000000000";
    public const string DefaultRegion = "us-east-1";
    public const string DefaultStackName = "orderpipeline-local";
    public const string UrlSuffix = "amazonaws.com";

    public string Region => region;

    public string StackName => stackName;

    /// <summary>The value given for a template parameter; null to use its default.</summary>
    public string? ParameterOverride(string name) => parameterOverrides?.GetValueOrDefault(name);

    public string QueueUrl(string logicalId) => SqsService.QueueUrl(sqsServiceUrl, QueueName(logicalId));

    public string QueueArn(string logicalId) => Arn("sqs", QueueName(logicalId));

    public static string QueueName(string logicalId) => logicalId;

    /// <summary>What <c>!Ref</c> of an <c>AWS::DynamoDB::Table</c> gives: the table's name.</summary>
    public static string TableName(string logicalId) => logicalId;

    public string TableArn(string logicalId) => Arn("dynamodb", $"table/{TableName(logicalId)}");

    /// <summary>The id that <c>!Ref</c> of an <c>AWS::Serverless::Api</c> gives (the REST API id on AWS).</summary>
    public static string ApiId(string logicalId) => logicalId.ToLowerInvariant();

    /// <summary><c>arn:aws:lambda:&lt;region&gt;:000000000000:function:&lt;name&gt;</c>.</summary>
    public static string FunctionArn(string region, string functionName) =>
        string.Create(CultureInfo.InvariantCulture, $"arn:aws:lambda:{region}:{Id}:function:{functionName}");

    private string Arn(string service, string resource) =>
        string.Create(CultureInfo.InvariantCulture, $"arn:aws:{service}:{region}:{Id}:{resource}");
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local;

/// <summary>
/// The AWS account the local stack plays, account <see cref="Id"/> in <see cref="Region"/>, and what a template's
/// resources are called in it: the names CloudFormation gives a stack's resources (<see cref="GeneratedName"/>), queues
/// on the local SQS endpoint, the ARNs, the template parameters given on the command line.
/// </summary>
/// <param name="sqsServiceUrl">The SQS endpoint that serves the queues (their URLs start with it).</param>
/// <param name="region">The region of every ARN and of <c>AWS::Region</c>.</param>
/// <param name="parameterOverrides">Template parameter values that replace the defaults; null for none.</param>
/// <param name="stackName">What <c>AWS::StackName</c> gives, and the first part of every generated name.</param>
internal sealed class LocalAccount(
    string sqsServiceUrl,
    string region = LocalAccount.DefaultRegion,
    IReadOnlyDictionary<string, string>? parameterOverrides = null,
    string stackName = LocalAccount.DefaultStackName)
{
    public const string Id = "000000000000";
    public const string DefaultRegion = "us-east-1";

    /// <summary>The stack name when neither the command line nor a samconfig.toml beside the template gives one.</summary>
    public const string DefaultStackName = "orderpipeline-local";

    public const string UrlSuffix = "amazonaws.com";

    /// <summary>The longest name Lambda takes for a function.</summary>
    public const int FunctionNameMaxLength = 64;

    /// <summary>The longest name SQS takes for a queue.</summary>
    public const int QueueNameMaxLength = 80;

    /// <summary>The longest name DynamoDB takes for a table.</summary>
    public const int TableNameMaxLength = 255;

    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string ApiIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int SuffixLength = 12;
    private const int ApiIdLength = 10;

    public string Region => region;

    public string StackName => stackName;

    /// <summary>The value given for a template parameter; null to use its default.</summary>
    public string? ParameterOverride(string name) => parameterOverrides?.GetValueOrDefault(name);

    public string QueueUrl(string queueName) => SqsService.QueueUrl(sqsServiceUrl, queueName);

    public string QueueArn(string queueName) => Arn("sqs", queueName);

    public string TableArn(string tableName) => Arn("dynamodb", $"table/{tableName}");

    /// <summary>
    /// The name CloudFormation gives a resource whose template names none: <c>&lt;stack&gt;-&lt;LogicalId&gt;-&lt;suffix&gt;</c>,
    /// as in the CloudFormation User Guide's "Name type"
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html: "MyStack-MyBucket-abcdefghijk1").
    /// AWS draws the 12-character suffix at random when it creates the resource and keeps it for the resource's life;
    /// here it is a hash of the stack name and logical id, so a name is the same on every run (traces kept under
    /// <c>--data-dir</c> keep matching). When the whole would pass <paramref name="maxLength"/>, the logical id and
    /// then the stack name are shortened, never the suffix.
    /// </summary>
    public string GeneratedName(string logicalId, int maxLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(logicalId);
        var suffix = HashText(logicalId, SuffixAlphabet, SuffixLength);
        var room = maxLength - suffix.Length - 2;
        var (stack, logical) = (stackName, logicalId);
        var excess = stack.Length + logical.Length - room;
        if (excess > 0)
        {
            var cut = Math.Min(excess, Math.Max(0, logical.Length - (room / 2)));
            logical = logical[..^cut];
            stack = stack[..^(excess - cut)];
        }

        return $"{stack}-{logical}-{suffix}";
    }

    /// <summary>
    /// What <c>!Ref</c> of a REST API gives: API Gateway's id, ten lower-case letters and digits (in its
    /// <c>https://&lt;id&gt;.execute-api.&lt;region&gt;.amazonaws.com</c> URL), here a hash of the stack name and logical id.
    /// </summary>
    public string RestApiId(string logicalId) => HashText(logicalId, ApiIdAlphabet, ApiIdLength);

    /// <summary><c>arn:aws:lambda:&lt;region&gt;:000000000000:function:&lt;name&gt;</c>.</summary>
    public static string FunctionArn(string region, string functionName) =>
        string.Create(CultureInfo.InvariantCulture, $"arn:aws:lambda:{region}:{Id}:function:{functionName}");

    private string Arn(string service, string resource) =>
        string.Create(CultureInfo.InvariantCulture, $"arn:aws:{service}:{region}:{Id}:{resource}");

    private string HashText(string logicalId, string alphabet, int length)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{stackName}/{logicalId}"));
        var text = new StringBuilder(length);
        for (var index = 0; index < length; index++)
        {
            text.Append(alphabet[hash[index] % alphabet.Length]);
        }

        return text.ToString();
    }
}

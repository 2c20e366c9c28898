using System.Globalization;
using System.Text.Json;
using OrderPipeline.Local.Sqs;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Reads an <c>AWS::SQS::Queue</c>; its <c>RedrivePolicy</c> and <c>RedriveAllowPolicy</c> may be mappings or JSON
/// strings. Properties and ranges: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html
/// </summary>
internal sealed class QueueReader(PropertyReader properties, IntrinsicResolver resolver)
{
    private const string TargetKey = "deadLetterTargetArn";
    private const string CountKey = "maxReceiveCount";
    private const string FifoOnly = "FIFO queues are not supported by the local stack (FifoQueue would run as a standard queue).";

    /// <summary>What the local stack does with each property of an <c>AWS::SQS::Queue</c>.</summary>
    public static readonly SupportedProperties Properties = new(
        TemplateDocument.QueueType,
        [
            "VisibilityTimeout", "MessageRetentionPeriod", "RedrivePolicy", "RedriveAllowPolicy", "DelaySeconds",
            "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize", "FifoQueue", "QueueName",
        ],
        new Dictionary<string, string>
        {
            ["SqsManagedSseEnabled"] = "encryption at rest is invisible through the SQS API",
            ["KmsMasterKeyId"] = "encryption at rest is invisible through the SQS API; no KMS key is called locally",
            ["KmsDataKeyReusePeriodSeconds"] = "encryption at rest is invisible through the SQS API",
            ["Tags"] = "the local SQS serves no tagging operations",
        },
        new Dictionary<string, string>
        {
            ["ContentBasedDeduplication"] = FifoOnly,
            ["DeduplicationScope"] = FifoOnly,
            ["FifoThroughputLimit"] = FifoOnly,
        });

    public QueueDefinition Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}.Properties";
        var queue = properties.Mapping(resource, "Properties", $"Resources.{logicalId}");
        Properties.Check(queue, path);
        if (properties.OptionalBool(queue, "FifoQueue", path) == true)
        {
            throw new TemplateException($"{path}.FifoQueue: FifoQueue is not supported by the local stack "
                + "(it would run as a standard queue, without ordering or deduplication).");
        }

        return new QueueDefinition(
            logicalId,
            resolver.PhysicalName(logicalId),
            Bounded(queue, "VisibilityTimeout", path, 0, SqsQueueRegistry.MaxVisibilityTimeoutSeconds)
                ?? SamDefaults.QueueVisibilityTimeout,
            Bounded(queue, "MessageRetentionPeriod", path, SqsQueueRegistry.MinRetentionSeconds, SqsQueueRegistry.MaxRetentionSeconds)
                ?? SamDefaults.QueueMessageRetentionPeriod,
            ReadRedrivePolicy(queue, path),
            Bounded(queue, "DelaySeconds", path, 0, SqsQueueRegistry.MaxDelaySeconds) ?? 0,
            Bounded(queue, "ReceiveMessageWaitTimeSeconds", path, 0, SqsQueueRegistry.MaxReceiveMessageWaitTimeSeconds) ?? 0,
            Bounded(queue, "MaximumMessageSize", path, SqsQueueRegistry.MinMaximumMessageSize, SqsQueue.DefaultMaximumMessageSize)
                ?? SqsQueue.DefaultMaximumMessageSize,
            ReadRedriveAllowPolicy(queue, path));
    }

    /// <summary>
    /// Refuses a redrive policy whose dead-letter queue's <c>RedriveAllowPolicy</c> does not let its source use it, as
    /// SQS refuses to set it ("Dead letter queue does not allow this source queue"):
    /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
    /// </summary>
    public static void CheckRedriveAllowed(IReadOnlyList<QueueDefinition> queues, LocalAccount account)
    {
        foreach (var source in queues)
        {
            if (source.RedrivePolicy is not { } redrive)
            {
                continue;
            }

            var target = queues.FirstOrDefault(queue => account.QueueArn(queue.Name) == redrive.DeadLetterTargetArn);
            if (target?.RedriveAllowPolicy is { } allow && !allow.Allows(account.QueueArn(source.Name)))
            {
                throw new TemplateException($"Resources.{source.LogicalId}.Properties.RedrivePolicy: the dead-letter queue "
                    + $"{target.LogicalId} does not allow this source queue (its RedriveAllowPolicy is {allow.Permission}).");
            }
        }
    }

    private int? Bounded(YamlMappingNode? queue, string key, string path, int min, int max) =>
        properties.OptionalInt(queue, key, path) switch
        {
            null => null,
            var value when value >= min && value <= max => value,
            var value => throw new TemplateException($"{path}.{key}: {value} is not between {min} and {max}."),
        };

    private QueueRedriveAllowPolicy? ReadRedriveAllowPolicy(YamlMappingNode? queue, string path)
    {
        var at = $"{path}.RedriveAllowPolicy";
        string permission;
        IReadOnlyList<string> sources;
        switch (YamlNodes.Child(queue, "RedriveAllowPolicy"))
        {
            case null:
                return null;
            case YamlMappingNode policy when !IntrinsicFunction.IsIntrinsic(policy):
                permission = properties.RequiredString(policy, "redrivePermission", at);
                sources = properties.StringList(policy, "sourceQueueArns", at);
                break;
            default:
                (permission, sources) = ParseAllowJson(properties.RequiredString(queue, "RedriveAllowPolicy", path), at);
                break;
        }

        return permission switch
        {
            QueueRedriveAllowPolicy.AllowAll or QueueRedriveAllowPolicy.DenyAll => new QueueRedriveAllowPolicy(permission, []),
            QueueRedriveAllowPolicy.ByQueue when sources.Count is >= 1 and <= 10 => new QueueRedriveAllowPolicy(permission, sources),
            QueueRedriveAllowPolicy.ByQueue => throw new TemplateException(
                $"{at}.sourceQueueArns: byQueue needs between 1 and 10 source queue ARNs."),
            _ => throw new TemplateException($"{at}.redrivePermission: '{permission}' is not allowAll, denyAll or byQueue."),
        };
    }

    private static (string Permission, IReadOnlyList<string> Sources) ParseAllowJson(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var sources = root.TryGetProperty("sourceQueueArns", out var list)
                ? list.EnumerateArray().Select(arn => arn.GetString() ?? string.Empty).ToArray()
                : [];
            return (root.GetProperty("redrivePermission").GetString() ?? string.Empty, sources);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new TemplateException($"{path}: not a redrive allow policy ({exception.Message}).", exception);
        }
    }

    private SqsRedrivePolicy? ReadRedrivePolicy(YamlMappingNode? queue, string path)
    {
        var at = $"{path}.RedrivePolicy";
        switch (YamlNodes.Child(queue, "RedrivePolicy"))
        {
            case null:
                return null;
            case YamlMappingNode policy when !IntrinsicFunction.IsIntrinsic(policy):
                return new SqsRedrivePolicy(
                    properties.RequiredString(policy, TargetKey, at),
                    properties.OptionalInt(policy, CountKey, at)
                        ?? throw new TemplateException($"{at}.{CountKey} is required."));
            default:
                return ParseJson(properties.RequiredString(queue, "RedrivePolicy", path), at);
        }
    }

    private static SqsRedrivePolicy ParseJson(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var count = root.GetProperty(CountKey);
            return new SqsRedrivePolicy(
                root.GetProperty(TargetKey).GetString() ?? throw new TemplateException($"{path}.{TargetKey} is required."),
                count.ValueKind == JsonValueKind.String
                    ? int.Parse(count.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture)
                    : count.GetInt32());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or FormatException
            or InvalidOperationException or OverflowException)
        {
            throw new TemplateException($"{path}: not a redrive policy ({exception.Message}).", exception);
        }
    }
}

/// <summary>
/// An <c>AWS::SQS::Queue</c>, with SQS's defaults where the template is silent: <c>VisibilityTimeout</c> 30 s,
/// <c>MessageRetentionPeriod</c> 345600 s (four days), no delay, no long poll, 1 MiB messages. <c>Name</c> is its name
/// in the account: the template's <c>QueueName</c>, else the one CloudFormation generates. Times in seconds,
/// <c>MaximumMessageSize</c> in bytes.
/// </summary>
internal sealed record QueueDefinition(
    string LogicalId,
    string Name,
    int VisibilityTimeout,
    int MessageRetentionPeriod,
    SqsRedrivePolicy? RedrivePolicy,
    int DelaySeconds = 0,
    int ReceiveMessageWaitTimeSeconds = 0,
    int MaximumMessageSize = SqsQueue.DefaultMaximumMessageSize,
    QueueRedriveAllowPolicy? RedriveAllowPolicy = null);

/// <summary>
/// A dead-letter queue's <c>RedriveAllowPolicy</c>: which source queues may name it in their redrive policy
/// (<c>allowAll</c>, <c>denyAll</c>, or <c>byQueue</c> with up to 10 source queue ARNs).
/// </summary>
internal sealed record QueueRedriveAllowPolicy(string Permission, IReadOnlyList<string> SourceQueueArns)
{
    public const string AllowAll = "allowAll";
    public const string DenyAll = "denyAll";
    public const string ByQueue = "byQueue";

    public bool Allows(string sourceQueueArn) =>
        Permission == AllowAll || (Permission == ByQueue && SourceQueueArns.Contains(sourceQueueArn, StringComparer.Ordinal));
}

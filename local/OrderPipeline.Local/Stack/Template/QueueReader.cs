using System.Globalization;
using System.Text.Json;
using OrderPipeline.Local.Sqs;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Reads an <c>AWS::SQS::Queue</c>; its <c>RedrivePolicy</c> may be a mapping or a JSON string.</summary>
internal sealed class QueueReader(PropertyReader properties, IntrinsicResolver resolver)
{
    private const string TargetKey = "deadLetterTargetArn";
    private const string CountKey = "maxReceiveCount";

    public QueueDefinition Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}.Properties";
        var queue = properties.Mapping(resource, "Properties", $"Resources.{logicalId}");
        return new QueueDefinition(
            logicalId,
            resolver.PhysicalName(logicalId),
            properties.OptionalInt(queue, "VisibilityTimeout", path) ?? SamDefaults.QueueVisibilityTimeout,
            properties.OptionalInt(queue, "MessageRetentionPeriod", path) ?? SamDefaults.QueueMessageRetentionPeriod,
            ReadRedrivePolicy(queue, path));
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
/// <c>MessageRetentionPeriod</c> 345600 s (four days). <c>Name</c> is its name in the account: the template's
/// <c>QueueName</c>, else the one CloudFormation generates.
/// </summary>
internal sealed record QueueDefinition(
    string LogicalId,
    string Name,
    int VisibilityTimeout,
    int MessageRetentionPeriod,
    SqsRedrivePolicy? RedrivePolicy);

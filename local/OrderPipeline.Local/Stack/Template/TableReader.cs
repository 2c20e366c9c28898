using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Reads an <c>AWS::DynamoDB::Table</c>'s <c>KeySchema</c>, typed from its <c>AttributeDefinitions</c>.</summary>
internal sealed class TableReader(PropertyReader properties, IntrinsicResolver resolver)
{
    private const string NoIndexes = "the local DynamoDB serves no secondary indexes; a Query on one would fail only locally.";

    /// <summary>
    /// What the local stack does with each property of an <c>AWS::DynamoDB::Table</c>
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html).
    /// </summary>
    public static readonly SupportedProperties Properties = new(
        TemplateDocument.TableType,
        ["TableName", "AttributeDefinitions", "KeySchema"],
        new Dictionary<string, string>
        {
            ["BillingMode"] = "every local table is on demand and never throttles (see Known differences)",
            ["ProvisionedThroughput"] = "every local table is on demand and never throttles (see Known differences)",
            ["OnDemandThroughput"] = "every local table is on demand and never throttles (see Known differences)",
            ["WarmThroughput"] = "every local table is on demand and never throttles (see Known differences)",
            ["SSESpecification"] = "encryption at rest is invisible through the DynamoDB API",
            ["PointInTimeRecoverySpecification"] = "backups are invisible through the item operations the local DynamoDB serves",
            ["TimeToLiveSpecification"] = "the local DynamoDB never deletes expired items (see Known differences)",
            ["DeletionProtectionEnabled"] = "it guards the table against deletion, which the local stack never does",
            ["TableClass"] = "a storage class changes the price, not the API",
            ["ContributorInsightsSpecification"] = "the local stack publishes no CloudWatch metrics",
            ["Tags"] = "the local DynamoDB serves no tagging operations",
            ["ResourcePolicy"] = "the local stack evaluates no IAM policies (see Known differences)",
        },
        new Dictionary<string, string>
        {
            ["GlobalSecondaryIndexes"] = NoIndexes,
            ["LocalSecondaryIndexes"] = NoIndexes,
            ["StreamSpecification"] = "DynamoDB Streams are not emulated by the local stack.",
            ["KinesisStreamSpecification"] = "Kinesis streaming of a table is not emulated by the local stack.",
            ["ImportSourceSpecification"] = "importing from S3 is not emulated by the local stack.",
        });

    private static readonly string[] KeyTypes = ["S", "N", "B"];

    public TableDefinition Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}.Properties";
        var table = properties.Mapping(resource, "Properties", $"Resources.{logicalId}");
        Properties.Check(table, path);
        var types = Entries(table, "AttributeDefinitions", path)
            .Select(entry => (
                Name: properties.RequiredString(entry.Node, "AttributeName", entry.Path),
                Type: properties.RequiredString(entry.Node, "AttributeType", entry.Path)))
            .ToList();
        foreach (var (name, type) in types.Where(definition => !KeyTypes.Contains(definition.Type)))
        {
            throw new TemplateException($"{path}.AttributeDefinitions: {name} has AttributeType {type}; a key is S, N or B.");
        }

        TableKey? partition = null;
        TableKey? sort = null;
        foreach (var (node, at) in Entries(table, "KeySchema", path))
        {
            var name = properties.RequiredString(node, "AttributeName", at);
            var type = types.FirstOrDefault(definition => definition.Name == name).Type
                ?? throw new TemplateException($"{at}: {name} is not in AttributeDefinitions.");
            var key = new TableKey(name, type);
            switch (properties.RequiredString(node, "KeyType", at))
            {
                case "HASH" when partition is null: partition = key; break;
                case "RANGE" when sort is null: sort = key; break;
                case var keyType: throw new TemplateException($"{at}.KeyType: {keyType} is not a HASH or RANGE the table lacks.");
            }
        }

        return new TableDefinition(
            logicalId, resolver.PhysicalName(logicalId), partition ?? throw new TemplateException($"{path}.KeySchema needs a HASH key."), sort);
    }

    private IEnumerable<(YamlMappingNode Node, string Path)> Entries(YamlMappingNode? table, string key, string path)
    {
        var sequence = properties.Sequence(table, key, path)
            ?? throw new TemplateException($"{path}.{key} must be a list.");
        var index = 0;
        foreach (var item in sequence)
        {
            var at = $"{path}.{key}[{index++}]";
            yield return (item as YamlMappingNode ?? throw new TemplateException($"{at} must be a mapping."), at);
        }
    }
}

/// <summary>
/// An <c>AWS::DynamoDB::Table</c>: its key schema, each key attribute with its <c>AttributeType</c> (<c>S</c>, <c>N</c>
/// or <c>B</c>) from <c>AttributeDefinitions</c>; <c>Name</c> is the template's <c>TableName</c>, else the one
/// CloudFormation generates. Locally every table is on-demand, whatever <c>BillingMode</c> says.
/// </summary>
internal sealed record TableDefinition(string LogicalId, string Name, TableKey PartitionKey, TableKey? SortKey);

/// <summary>One key attribute of a table: its name and its <c>AttributeType</c> (<c>S</c>, <c>N</c> or <c>B</c>).</summary>
internal sealed record TableKey(string AttributeName, string AttributeType);

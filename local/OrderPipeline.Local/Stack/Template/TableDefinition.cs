namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// An <c>AWS::DynamoDB::Table</c>: its key schema, each key attribute with its <c>AttributeType</c> (<c>S</c>, <c>N</c>
/// or <c>B</c>) from <c>AttributeDefinitions</c>. Locally every table is on-demand, whatever <c>BillingMode</c> says.
/// </summary>
internal sealed record TableDefinition(string LogicalId, TableKey PartitionKey, TableKey? SortKey);

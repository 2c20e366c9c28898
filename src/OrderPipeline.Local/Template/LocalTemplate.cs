namespace OrderPipeline.Local.Template;

/// <summary>What the local stack runs, read from template.yaml with every intrinsic resolved to a local value.</summary>
internal sealed record LocalTemplate(
    IReadOnlyList<TemplateParameter> Parameters,
    IReadOnlyList<FunctionDefinition> Functions,
    IReadOnlyList<QueueDefinition> Queues,
    IReadOnlyList<ApiDefinition> Apis,
    IReadOnlyList<TableDefinition> Tables)
{
    public FunctionDefinition Function(string logicalId) =>
        Functions.FirstOrDefault(function => function.LogicalId == logicalId)
        ?? throw new TemplateException($"The template has no AWS::Serverless::Function named {logicalId}.");

    public QueueDefinition Queue(string logicalId) =>
        Queues.FirstOrDefault(queue => queue.LogicalId == logicalId)
        ?? throw new TemplateException($"The template has no AWS::SQS::Queue named {logicalId}.");
}

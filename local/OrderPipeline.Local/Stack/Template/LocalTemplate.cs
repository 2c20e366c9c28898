namespace OrderPipeline.Local.Stack.Template;

/// <summary>What the local stack runs, read from template.yaml with every intrinsic resolved to a local value.</summary>
internal sealed record LocalTemplate(
    IReadOnlyList<TemplateParameter> Parameters,
    IReadOnlyList<FunctionDefinition> Functions,
    IReadOnlyList<QueueDefinition> Queues,
    IReadOnlyList<ApiDefinition> Apis,
    IReadOnlyList<TableDefinition> Tables,
    IReadOnlyList<XRay.SamplingRule> SamplingRules)
{
    public FunctionDefinition Function(string logicalId) =>
        Functions.FirstOrDefault(function => function.LogicalId == logicalId)
        ?? throw new TemplateException($"The template has no AWS::Serverless::Function named {logicalId}.");

    public QueueDefinition Queue(string logicalId) =>
        Queues.FirstOrDefault(queue => queue.LogicalId == logicalId)
        ?? throw new TemplateException($"The template has no AWS::SQS::Queue named {logicalId}.");

    /// <summary>The queue whose local ARN (as <paramref name="account"/> gives it) is <paramref name="arn"/>.</summary>
    public QueueDefinition QueueWithArn(string arn, LocalAccount account) =>
        Queues.FirstOrDefault(queue => account.QueueArn(queue.Name) == arn)
        ?? throw new TemplateException($"{arn} is not the ARN of an AWS::SQS::Queue of the template.");

    /// <summary>The REST API an <c>Api</c> event names.</summary>
    public ApiDefinition Api(ApiEventSource route) =>
        Apis.FirstOrDefault(api => api.LogicalId == route.RestApiLogicalId)
        ?? throw new TemplateException($"The Api event {route.Name} names {route.RestApiLogicalId}, which is no API of the template.");
}

/// <summary>A template the local stack cannot run; the message names the resource and property at fault.</summary>
internal sealed class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

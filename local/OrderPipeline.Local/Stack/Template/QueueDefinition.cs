namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// An <c>AWS::SQS::Queue</c>, with SQS's defaults where the template is silent: <c>VisibilityTimeout</c> 30 s,
/// <c>MessageRetentionPeriod</c> 345600 s (four days). <c>QueueName</c> is the explicit property, null when the
/// template leaves the name to AWS.
/// </summary>
internal sealed record QueueDefinition(
    string LogicalId,
    string? QueueName,
    int VisibilityTimeout,
    int MessageRetentionPeriod,
    RedrivePolicy? RedrivePolicy);

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// A queue's redrive policy: after <c>MaxReceiveCount</c> receives a message moves to the queue whose resolved ARN is
/// <c>DeadLetterTargetArn</c>.
/// </summary>
internal sealed record RedrivePolicy(string DeadLetterTargetArn, int MaxReceiveCount);

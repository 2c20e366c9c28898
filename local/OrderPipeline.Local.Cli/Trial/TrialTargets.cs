using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// What the trial drives and watches, found in the template: the <c>POST</c> route, the function behind the SQS event
/// (the consumer), its queue and that queue's dead-letter queue, and the table the consumer writes (its
/// <c>ORDERS_TABLE_NAME</c>).
/// </summary>
internal sealed record TrialTargets(
    Uri OrdersUrl,
    string ConsumerName,
    string QueueName,
    string QueueUrl,
    string DeadLetterQueueName,
    string DeadLetterQueueUrl,
    string TableName)
{
    public const string TableNameVariable = "ORDERS_TABLE_NAME";

    /// <summary>The table the consumer stores orders in, read from the template before any stack starts.</summary>
    /// <exception cref="TemplateException">The template lacks it.</exception>
    public static string OrdersTableName(StackOptions stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var template = TemplateReader.Load(stack.TemplatePath, stack.Account("http://127.0.0.1"));
        var consumer = template.Functions.FirstOrDefault(function => function.SqsEvents.Count > 0)
            ?? throw new TemplateException("The trial needs a function with an SQS event; the template has none.");
        return TableOf(consumer);
    }

    /// <exception cref="TemplateException">The template lacks one of them.</exception>
    public static TrialTargets Find(EmulatedStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var template = stack.Template;
        var route = template.Functions.SelectMany(function => function.ApiEvents)
            .FirstOrDefault(source => source.Method is "POST" or "ANY")
            ?? throw new TemplateException("The trial needs a function with a POST Api event; the template has none.");
        var consumer = template.Functions.FirstOrDefault(function => function.SqsEvents.Count > 0)
            ?? throw new TemplateException("The trial needs a function with an SQS event; the template has none.");
        var queue = template.QueueWithArn(consumer.SqsEvents[0].Queue, stack.Account);
        var deadLetterArn = queue.RedrivePolicy?.DeadLetterTargetArn
            ?? throw new TemplateException($"The trial needs a RedrivePolicy on {queue.LogicalId}.");
        var deadLetterQueue = template.QueueWithArn(deadLetterArn, stack.Account);
        var table = TableOf(consumer);
        return new TrialTargets(
            new Uri(stack.RouteUrl(route)),
            consumer.Name,
            queue.Name,
            stack.Account.QueueUrl(queue.Name),
            deadLetterQueue.Name,
            stack.Account.QueueUrl(deadLetterQueue.Name),
            table);
    }

    private static string TableOf(FunctionDefinition consumer) =>
        consumer.Environment.TryGetValue(TableNameVariable, out var name) && !string.IsNullOrEmpty(name)
            ? name
            : throw new TemplateException($"The trial needs {TableNameVariable} in the environment of {consumer.LogicalId}: the table it stores orders in.");
}

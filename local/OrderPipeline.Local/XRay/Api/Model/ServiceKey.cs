using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>
/// A node of the service graph and a <c>ServiceId</c> of a trace summary: a segment's name and origin, or the service a
/// downstream (<c>aws</c> or <c>remote</c>) subsegment called, which X-Ray infers.
/// </summary>
/// <param name="Name">The segment's name; for an inferred node the resource called (an SQS queue's name) or the subsegment's name.</param>
/// <param name="Type">The origin (<c>AWS::Lambda::Function</c>), an inferred type (<c>AWS::SQS::Queue</c>, <c>remote</c>), <c>client</c>, or null.</param>
/// <param name="AccountId">The account of an AWS resource when the document names it.</param>
internal readonly record struct ServiceKey(string Name, string? Type, string? AccountId = null)
{
    public const string ClientType = "client";
    public const string RemoteType = "remote";
    public const string SqsQueueType = "AWS::SQS::Queue";
    public const string DynamoDbTableType = "AWS::DynamoDB::Table";
    private const string AwsNamespace = "aws";
    private const string AwsTypePrefix = "AWS::";

    /// <summary>The callers of traces' root segments.</summary>
    public static ServiceKey Client { get; } = new(ClientType, ClientType);

    /// <summary>The service that emitted <paramref name="segment"/>.</summary>
    public static ServiceKey Of(TraceEntity segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return new(segment.Name, segment.Origin, AccountOf(segment.Document));
    }

    /// <summary>The node X-Ray infers for a downstream subsegment; null for any other entity.</summary>
    public static ServiceKey? Downstream(TraceEntity subsegment)
    {
        ArgumentNullException.ThrowIfNull(subsegment);
        if (!subsegment.IsDownstream)
        {
            return null;
        }

        if (subsegment.Namespace != AwsNamespace)
        {
            return new(subsegment.Name, RemoteType);
        }

        var document = subsegment.Document;
        if (JsonFields.Field(document, "aws", "queue_url") is { ValueKind: JsonValueKind.String } queueUrl
            && QueueName(queueUrl.GetString()!) is { } queue)
        {
            return new(queue, SqsQueueType, AccountOf(document));
        }

        if (JsonFields.Field(document, "aws", "table_name") is { ValueKind: JsonValueKind.String } table)
        {
            return new(table.GetString()!, DynamoDbTableType, AccountOf(document));
        }

        return new(subsegment.Name, AwsTypePrefix + subsegment.Name, AccountOf(document));
    }

    private static string? AccountOf(JsonElement document) =>
        JsonFields.Field(document, "aws", "account_id") is { ValueKind: JsonValueKind.String } account
            ? account.GetString()
            : null;

    // https://sqs.us-east-1.amazonaws.com/000000000000/orders -> orders
    private static string? QueueName(string queueUrl)
    {
        var name = queueUrl.TrimEnd('/');
        var slash = name.LastIndexOf('/');
        return slash >= 0 && slash < name.Length - 1 ? name[(slash + 1)..] : null;
    }
}

namespace OrderPipeline.Tracing;

/// <summary>
/// Activity tag keys the X-Ray exporter maps to segment fields (OpenTelemetry semantic conventions where they exist).
/// Any other tag becomes metadata, or an annotation when the exporter is told to index its key.
/// </summary>
public static class TraceTags
{
    /// <summary><c>aws-api</c> marks an AWS SDK call: the subsegment gets namespace <c>aws</c>.</summary>
    public const string RpcSystem = "rpc.system";

    /// <summary>The value of <see cref="RpcSystem"/> for AWS SDK calls.</summary>
    public const string AwsApiSystem = "aws-api";

    /// <summary>The AWS service name, e.g. <c>SQS</c>.</summary>
    public const string RpcService = "rpc.service";

    /// <summary>The AWS operation, e.g. <c>SendMessage</c>; written as <c>aws.operation</c>.</summary>
    public const string RpcMethod = "rpc.method";

    /// <summary>Written as <c>aws.region</c>.</summary>
    public const string CloudRegion = "cloud.region";

    /// <summary>Written as <c>aws.request_id</c>.</summary>
    public const string AwsRequestId = "aws.request_id";

    /// <summary>Written as <c>aws.queue_url</c>.</summary>
    public const string AwsQueueUrl = "aws.queue_url";

    /// <summary>Written as <c>aws.table_name</c>.</summary>
    public const string AwsTableName = "aws.table_name";

    /// <summary>An integer; written as <c>aws.retries</c>.</summary>
    public const string AwsRetries = "aws.retries";

    /// <summary>Written as <c>aws.message_id</c>.</summary>
    public const string MessageId = "messaging.message.id";

    /// <summary>An integer; written as <c>http.response.status</c> and decides <c>error</c>, <c>throttle</c>, <c>fault</c>.</summary>
    public const string HttpStatusCode = "http.response.status_code";

    /// <summary>Written as <c>http.request.method</c>.</summary>
    public const string HttpMethod = "http.request.method";

    /// <summary>Written as <c>http.request.url</c>.</summary>
    public const string UrlFull = "url.full";
}

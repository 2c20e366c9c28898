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

    /// <summary>
    /// The error's class (OpenTelemetry's <c>error.type</c>); for an AWS call, the service's error code, e.g.
    /// <c>ConditionalCheckFailedException</c>. Written as metadata, so an expected failure stays visible.
    /// </summary>
    public const string ErrorType = "error.type";

    /// <summary>
    /// How X-Ray reads the outcome, when the status and HTTP status would read it otherwise: one of
    /// <see cref="OutcomeExpected"/>, <see cref="OutcomeError"/>, <see cref="OutcomeThrottle"/> or
    /// <see cref="OutcomeFault"/>. Without it, a 4xx HTTP status is <c>error</c> (429 also <c>throttle</c>), a 5xx is
    /// <c>fault</c>, and an error status without an HTTP status is <c>fault</c>
    /// (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-errors).
    /// </summary>
    public const string Outcome = "xray.outcome";

    /// <summary>A failure the caller expected, part of its normal flow: no error flag, whatever the status says.</summary>
    public const string OutcomeExpected = "expected";

    /// <summary>The caller's fault (X-Ray <c>error</c>, as for a 4xx): input that is not valid, for example.</summary>
    public const string OutcomeError = "error";

    /// <summary>Throttled (X-Ray <c>throttle</c>, with <c>error</c>, as for a 429).</summary>
    public const string OutcomeThrottle = "throttle";

    /// <summary>Our own fault (X-Ray <c>fault</c>, as for a 5xx).</summary>
    public const string OutcomeFault = "fault";
}

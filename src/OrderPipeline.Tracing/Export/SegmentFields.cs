using System.Text.Json;

namespace OrderPipeline.Tracing.Export;

/// <summary>The field names of an X-Ray segment document, encoded once.</summary>
internal static class SegmentFields
{
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("trace_id");
    public static readonly JsonEncodedText ParentId = JsonEncodedText.Encode("parent_id");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Subsegment = JsonEncodedText.Encode("subsegment");
    public static readonly JsonEncodedText StartTime = JsonEncodedText.Encode("start_time");
    public static readonly JsonEncodedText EndTime = JsonEncodedText.Encode("end_time");
    public static readonly JsonEncodedText Namespace = JsonEncodedText.Encode("namespace");
    public static readonly JsonEncodedText AwsNamespace = JsonEncodedText.Encode("aws");
    public static readonly JsonEncodedText RemoteNamespace = JsonEncodedText.Encode("remote");
    public static readonly JsonEncodedText Aws = JsonEncodedText.Encode("aws");
    public static readonly JsonEncodedText Operation = JsonEncodedText.Encode("operation");
    public static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
    public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("request_id");
    public static readonly JsonEncodedText QueueUrl = JsonEncodedText.Encode("queue_url");
    public static readonly JsonEncodedText TableName = JsonEncodedText.Encode("table_name");
    public static readonly JsonEncodedText Retries = JsonEncodedText.Encode("retries");
    public static readonly JsonEncodedText MessageId = JsonEncodedText.Encode("message_id");
    public static readonly JsonEncodedText Http = JsonEncodedText.Encode("http");
    public static readonly JsonEncodedText Request = JsonEncodedText.Encode("request");
    public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    public static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    public static readonly JsonEncodedText Response = JsonEncodedText.Encode("response");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText Throttle = JsonEncodedText.Encode("throttle");
    public static readonly JsonEncodedText Fault = JsonEncodedText.Encode("fault");
    public static readonly JsonEncodedText Cause = JsonEncodedText.Encode("cause");
    public static readonly JsonEncodedText Exceptions = JsonEncodedText.Encode("exceptions");
    public static readonly JsonEncodedText Annotations = JsonEncodedText.Encode("annotations");
    public static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
    public static readonly JsonEncodedText DefaultNamespace = JsonEncodedText.Encode("default");
}

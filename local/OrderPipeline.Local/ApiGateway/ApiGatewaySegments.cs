using System.Text.Json;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The documents API Gateway emits for a traced stage: the stage segment (<c>{api}/{stage}</c>, origin
/// <c>AWS::ApiGateway::Stage</c>, child of the caller's segment when the request carried a Parent) with the request,
/// response, <c>aws.api_gateway</c> block, annotations and metadata X-Ray shows for a stage, and the subsegment of its
/// Lambda integration call (namespace <c>aws</c>, named after the function), which is the parent of the Lambda service
/// segment. <c>error</c> marks a 4xx, <c>throttle</c> a 429 (with <c>error</c>), <c>fault</c> a 5xx.
/// </summary>
internal static class ApiGatewaySegments
{
    public const string StageOrigin = "AWS::ApiGateway::Stage";

    /// <summary>The stage segment's name, and the service name sampling rules match: <c>{api}/{stage}</c>.</summary>
    public static string ServiceName(ApiDefinition api) => $"{api.Name}/{api.StageName}";

    /// <summary><c>arn:aws:apigateway:{region}::/restapis/{id}/stages/{stage}</c>, the ARN sampling rules match.</summary>
    public static string StageArn(ApiDefinition api, string region) => $"arn:aws:apigateway:{region}::/restapis/{api.Id}/stages/{api.StageName}";

    /// <summary>
    /// What the stage's sampling rules are matched against: service name and type, the <c>Host</c> header's host name,
    /// the method, the path after the stage, the stage's ARN
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-configuring-xray-sampling-rules.html).
    /// </summary>
    public static SamplingRequest SamplingRequest(ApiRequest request, RouteMatch match, string region)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        var api = match.Route.Api;
        var host = Uri.TryCreate($"http://{request.Host}", UriKind.Absolute, out var uri) ? uri.Host : request.Host;
        return new SamplingRequest(ServiceName(api), StageOrigin, host, request.Method, request.Path, StageArn(api, region));
    }

    public static void Record(TraceStore store, ApiExchange exchange, ApiGatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(settings);
        var (request, match, ids, trace) = (exchange.Request, exchange.Match, exchange.Ids, exchange.Trace);
        var api = match.Route.Api;
        SegmentDocuments.Add(store, writer =>
        {
            writer.WriteString("name", ServiceName(api));
            writer.WriteString("id", trace.StageSegmentId);
            writer.WriteString("trace_id", trace.Root);
            if (trace.IncomingParent is { } parent)
            {
                writer.WriteString("parent_id", parent);
            }

            writer.WriteString("origin", StageOrigin);
            writer.WriteString("resource_arn", StageArn(api, settings.Region));
            writer.WriteNumber("start_time", SegmentDocuments.Epoch(ids.ReceivedAt));
            writer.WriteNumber("end_time", SegmentDocuments.Epoch(exchange.End));
            WriteHttp(writer, request, exchange.StatusCode, exchange.ContentLength);
            writer.WriteStartObject("aws");
            if (trace.SamplingRuleName is { } rule)
            {
                writer.WriteStartObject("xray");
                writer.WriteString("sampling_rule_name", rule);
                writer.WriteEndObject();
            }

            writer.WriteStartObject("api_gateway");
            writer.WriteString("account_id", settings.AccountId);
            writer.WriteString("rest_api_id", api.Id);
            writer.WriteString("stage", api.StageName);
            writer.WriteString("request_id", ids.RequestId);
            writer.WriteString("resource_path", match.Route.ResourcePath);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("annotations");
            writer.WriteString("aws:api_id", api.Id);
            writer.WriteString("aws:api_stage", api.StageName);
            writer.WriteEndObject();
            writer.WriteStartObject("metadata");
            writer.WriteStartObject("default");
            writer.WriteString("extended_request_id", ids.ExtendedRequestId);
            writer.WriteString("request_id", ids.RequestId);
            writer.WriteEndObject();
            writer.WriteEndObject();
            WriteStatusFlags(writer, exchange.StatusCode);
        });
        if (exchange.Integration is { } integration)
        {
            SegmentDocuments.Add(store, writer => WriteIntegration(writer, trace, integration, settings));
        }
    }

    private static void WriteHttp(Utf8JsonWriter writer, ApiRequest request, int status, long contentLength)
    {
        var forwardedFor = request.Header(ForwardedHeaders.ForwardedFor);
        writer.WriteStartObject("http");
        writer.WriteStartObject("request");
        writer.WriteString("url", request.Url);
        writer.WriteString("method", request.Method);
        writer.WriteString("client_ip", forwardedFor is { Length: > 0 } ? forwardedFor.Split(',')[0].Trim() : request.SourceIp);
        if (forwardedFor is { Length: > 0 })
        {
            writer.WriteBoolean("x_forwarded_for", true);
        }

        if (request.Header("User-Agent") is { } userAgent)
        {
            writer.WriteString("user_agent", userAgent);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("response");
        writer.WriteNumber("status", status);
        writer.WriteNumber("content_length", contentLength);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteIntegration(Utf8JsonWriter writer, ApiTrace trace, IntegrationCall call, ApiGatewaySettings settings)
    {
        var arn = $"arn:aws:lambda:{settings.Region}:{settings.AccountId}:function:{call.FunctionName}";
        writer.WriteString("name", call.FunctionName);
        writer.WriteString("id", trace.IntegrationSubsegmentId);
        writer.WriteString("trace_id", trace.Root);
        writer.WriteString("parent_id", trace.StageSegmentId);
        writer.WriteString("type", "subsegment");
        writer.WriteString("namespace", "aws");
        writer.WriteNumber("start_time", SegmentDocuments.Epoch(call.Start));
        writer.WriteNumber("end_time", SegmentDocuments.Epoch(call.End));
        writer.WriteStartObject("http");
        writer.WriteStartObject("request");
        writer.WriteString("url", $"https://lambda.{settings.Region}.amazonaws.com/2015-03-31/functions/{arn}/invocations");
        writer.WriteString("method", "POST");
        writer.WriteEndObject();
        if (call.Result is { } result)
        {
            writer.WriteStartObject("response");
            writer.WriteNumber("status", 200);
            writer.WriteNumber("content_length", result.Response?.Length ?? result.Error?.Body.Length ?? 0);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("aws");
        writer.WriteString("function_name", call.FunctionName);
        writer.WriteString("region", settings.Region);
        writer.WriteString("operation", "Invoke");
        if (call.Result is { } invoked)
        {
            writer.WriteString("request_id", invoked.RequestId);
        }

        writer.WriteStartArray("resource_names");
        writer.WriteStringValue(call.FunctionName);
        writer.WriteEndArray();
        writer.WriteEndObject();
        if (call.Failed)
        {
            writer.WriteBoolean("fault", true);
        }
    }

    private static void WriteStatusFlags(Utf8JsonWriter writer, int status)
    {
        if (status is >= 400 and < 500)
        {
            writer.WriteBoolean("error", true);
        }

        if (status == 429)
        {
            writer.WriteBoolean("throttle", true);
        }

        if (status >= 500)
        {
            writer.WriteBoolean("fault", true);
        }
    }
}

/// <summary>One request through a stage, as its segment records it: what came in, what went out and when.</summary>
internal sealed record ApiExchange(
    ApiRequest Request,
    RouteMatch Match,
    GatewayRequestIds Ids,
    ApiTrace Trace,
    int StatusCode,
    long ContentLength,
    DateTimeOffset End,
    IntegrationCall? Integration);

/// <summary>
/// The Lambda integration call of one request. <c>Result</c> is null when the call timed out (<c>TimedOut</c>), Lambda
/// throttled it (<c>Throttled</c>) or it named a function the invoker does not know.
/// </summary>
internal sealed record IntegrationCall(
    string FunctionName, DateTimeOffset Start, DateTimeOffset End, InvocationResult? Result, bool TimedOut, bool Throttled = false)
{
    public bool Failed => Result is not { Succeeded: true };
}

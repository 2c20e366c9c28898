namespace OrderPipeline.Local.Lambda;

/// <summary>The paths and headers of the Lambda Runtime API 2018-06-01, as the local service serves them.</summary>
internal static class RuntimeApiProtocol
{
    public const string Runtime = "/2018-06-01/runtime";
    public const string NextPath = Runtime + "/invocation/next";
    public const string ResponsePath = Runtime + "/invocation/{requestId}/response";
    public const string ErrorPath = Runtime + "/invocation/{requestId}/error";
    public const string InitErrorPath = Runtime + "/init/error";
    public const string RequestIdRouteValue = "requestId";

    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMsHeader = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string FunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    public const string JsonContentType = "application/json";
}

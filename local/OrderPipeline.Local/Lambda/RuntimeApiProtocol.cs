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
    public const string XRayErrorCauseHeader = "Lambda-Runtime-Function-XRay-Error-Cause";

    /// <summary>
    /// The request header budget, as Lambda's: its Runtime API is a Go net/http server (the open-source Runtime
    /// Interface Emulator is), whose <c>DefaultMaxHeaderBytes</c> is 1 MiB, read with 4 KiB of slack. AWS's runtime
    /// clients send <c>Lambda-Runtime-Function-XRay-Error-Cause</c> up to just below 1 MiB; Kestrel's default (32 KiB)
    /// would answer a large cause 431 and lose the error.
    /// </summary>
    public const int MaxRequestHeaderBytes = (1024 * 1024) + 4096;

    public const string JsonContentType = "application/json";
}

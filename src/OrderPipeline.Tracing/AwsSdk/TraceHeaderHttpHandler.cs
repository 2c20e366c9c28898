using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace OrderPipeline.Tracing.AwsSdk;

/// <summary>
/// Sets <see cref="TraceHeader.HeaderName"/> on the marshalled HTTP request to the header <see cref="AwsCall"/> left in
/// the request's context attributes, replacing the one the SDK derives from <c>_X_AMZN_TRACE_ID</c> inside Lambda.
/// </summary>
internal sealed class TraceHeaderHttpHandler : PipelineHandler
{
    /// <summary>The <see cref="IRequestContext.ContextAttributes"/> key under which <see cref="AwsCall"/> leaves the header.</summary>
    internal const string ContextAttribute = "OrderPipeline.Tracing.AwsSdk.TraceHeader";

    public override void InvokeSync(IExecutionContext executionContext)
    {
        SetHeader(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        SetHeader(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private static void SetHeader(IExecutionContext executionContext)
    {
        var requestContext = executionContext.RequestContext;
        if (requestContext.ContextAttributes is { } attributes
            && attributes.TryGetValue(ContextAttribute, out var value)
            && value is string header
            && requestContext.Request?.Headers is { } headers)
        {
            // The SDK's header dictionary is case-insensitive, so this replaces its "x-amzn-trace-id".
            headers[TraceHeader.HeaderName] = header;
        }
    }
}

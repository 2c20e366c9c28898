using System.Diagnostics;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace OrderPipeline.Tracing.AwsSdk;

/// <summary>
/// Puts <see cref="AwsCallTracingHandler"/> before the SDK's <see cref="Marshaller"/>, which sits outside the retry
/// handler (one activity covers every attempt, and the request object is edited before it is marshalled), and
/// <see cref="TraceHeaderHttpHandler"/> right after it, where the HTTP request exists.
/// </summary>
internal sealed class AwsSdkPipelineCustomizer(ActivitySource source) : IRuntimePipelineCustomizer
{
    public string UniqueName => AwsSdkTracing.ActivitySourceName;

    public void Customize(Type serviceClientType, RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.AddHandlerBefore<Marshaller>(new AwsCallTracingHandler(source));
        pipeline.AddHandlerAfter<Marshaller>(new TraceHeaderHttpHandler());
    }
}

/// <summary>Wraps one AWS call, retries included, in an <see cref="AwsCall"/>; exceptions pass through unchanged.</summary>
internal sealed class AwsCallTracingHandler(ActivitySource source) : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        using var call = AwsCall.Start(source, executionContext);
        try
        {
            base.InvokeSync(executionContext);
            call?.Succeeded();
        }
        catch (Exception exception)
        {
            call?.Failed(exception);
            throw;
        }
    }

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        // Started inside this async method so that Activity.Current returns to the caller's when the call ends.
        using var call = AwsCall.Start(source, executionContext);
        try
        {
            var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            call?.Succeeded();
            return response;
        }
        catch (Exception exception)
        {
            call?.Failed(exception);
            throw;
        }
    }
}

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

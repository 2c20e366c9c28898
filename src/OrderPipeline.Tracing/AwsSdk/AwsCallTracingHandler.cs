using System.Diagnostics;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace OrderPipeline.Tracing.AwsSdk;

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

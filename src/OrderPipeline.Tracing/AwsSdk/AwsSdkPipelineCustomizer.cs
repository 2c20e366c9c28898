using System.Diagnostics;
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

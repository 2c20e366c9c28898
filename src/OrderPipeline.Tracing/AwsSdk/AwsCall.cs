using System.Diagnostics;
using Amazon.Runtime;

namespace OrderPipeline.Tracing.AwsSdk;

/// <summary>
/// The activity of one AWS call, from before marshalling to the last attempt: request tags at the start, the trace
/// header propagated when the activity has a parent, response or error tags at the end, the retry count on dispose.
/// </summary>
internal sealed class AwsCall : IDisposable
{
    private readonly Activity _activity;
    private readonly IExecutionContext _executionContext;
    private readonly SqsTraceHeaderInjection? _injection;

    private AwsCall(Activity activity, IExecutionContext executionContext, SqsTraceHeaderInjection? injection)
    {
        _activity = activity;
        _executionContext = executionContext;
        _injection = injection;
    }

    /// <summary>Null when no listener samples the call: then nothing is traced and nothing is propagated.</summary>
    public static AwsCall? Start(ActivitySource source, IExecutionContext executionContext)
    {
        var requestContext = executionContext.RequestContext;
        var service = AwsCallTags.ServiceName(requestContext);
        var activity = source.StartActivity(service, ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            AwsCallTags.SetRequestTags(activity, requestContext, service);
        }

        return new AwsCall(activity, executionContext, Propagate(activity, requestContext));
    }

    public void Succeeded()
    {
        if (_activity.IsAllDataRequested)
        {
            AwsCallTags.SetResponseTags(_activity, _executionContext);
        }
    }

    public void Failed(Exception exception)
    {
        if (_activity.IsAllDataRequested)
        {
            AwsCallTags.SetErrorTags(_activity, exception, _executionContext.RequestContext.OriginalRequest);
        }
    }

    public void Dispose()
    {
        if (_activity.IsAllDataRequested)
        {
            _activity.SetTag(TraceTags.AwsRetries, _executionContext.RequestContext.Retries);
        }

        _injection?.Restore();
        _activity.Dispose();
    }

    private static SqsTraceHeaderInjection? Propagate(Activity activity, IRequestContext requestContext)
    {
        if (activity.ParentSpanId == default || TraceHeader.FromActivity(activity) is not { } header)
        {
            return null;
        }

        var value = header.ToString();
        requestContext.ContextAttributes?[TraceHeaderHttpHandler.ContextAttribute] = value;
        return SqsTraceHeaderInjection.Apply(requestContext.OriginalRequest, value);
    }
}

namespace OrderPipeline.Lambda;

/// <summary>
/// Sees every invocation around its handler; registered at cold start with <see cref="LambdaStartup.Observe"/>.
/// Tracing is the reason: it starts the invocation's span and sends what the invocation recorded before Lambda may
/// freeze the environment, which it does once the outcome is posted
/// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html, "Invoke phase").
/// </summary>
public interface IInvocationObserver
{
    /// <summary>
    /// Called before the event is read and the handler runs, on the invocation's own flow: an
    /// <see cref="System.Diagnostics.Activity"/> started here is <c>Activity.Current</c> in the handler.
    /// Must not throw.
    /// </summary>
    void OnInvocationStart(ILambdaContext context);

    /// <summary>
    /// Called after the handler, before the outcome (response or error) is posted to the Runtime API, on the same flow
    /// as <see cref="OnInvocationStart"/>. <paramref name="failure"/> is what the handler threw, or the event's
    /// unmarshal error; null when the handler returned. Must not throw, and must bound its own time: the caller waits
    /// for it.
    /// </summary>
    ValueTask OnInvocationEndAsync(ILambdaContext context, Exception? failure);
}

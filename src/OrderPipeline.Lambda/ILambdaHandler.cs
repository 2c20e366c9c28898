namespace OrderPipeline.Lambda;

/// <summary>Handles one invocation at a time; one instance serves every invocation of the process.</summary>
public interface ILambdaHandler<TEvent, TResponse>
{
    /// <summary>
    /// Handles one event. <paramref name="cancellationToken"/> is cancelled 500 ms before the invocation's deadline,
    /// leaving time to post the outcome, and when the runtime is stopping (SIGTERM). An exception becomes the
    /// invocation's error (its type name is the <c>errorType</c>); the process goes on to the next invocation.
    /// </summary>
    Task<TResponse> HandleAsync(TEvent input, ILambdaContext context, CancellationToken cancellationToken);
}

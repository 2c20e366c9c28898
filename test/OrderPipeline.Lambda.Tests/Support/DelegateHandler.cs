namespace OrderPipeline.Lambda.Tests.Support;

internal sealed class DelegateHandler<TEvent, TResponse>(
    Func<TEvent, ILambdaContext, CancellationToken, Task<TResponse>> handle) : ILambdaHandler<TEvent, TResponse>
{
    public Task<TResponse> HandleAsync(TEvent input, ILambdaContext context, CancellationToken cancellationToken) =>
        handle(input, context, cancellationToken);
}

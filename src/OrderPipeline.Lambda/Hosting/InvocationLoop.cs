using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>Serves invocation after invocation until the runtime stops or the Runtime API fails.</summary>
internal sealed class InvocationLoop<TEvent, TResponse>(
    RuntimeApiClient client,
    ILambdaHandler<TEvent, TResponse> handler,
    JsonTypeInfo<TEvent> eventType,
    JsonTypeInfo<TResponse> responseType,
    LambdaEnvironment environment,
    ILambdaLogger logger,
    HostDependencies dependencies,
    IReadOnlyList<IInvocationObserver> observers)
{
    /// <summary>Set per invocation for code that reads the trace header from the environment (the AWS SDK does).</summary>
    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>The handler's token fires this long before the deadline, leaving time to post the outcome.</summary>
    private static readonly TimeSpan DeadlineSafetyMargin = TimeSpan.FromMilliseconds(500);

    public async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var invocation = await client.GetNextInvocationAsync(stoppingToken).ConfigureAwait(false);
                await InvokeAsync(invocation, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return ExitCodes.Stopped;
        }
        catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException)
        {
            logger.Log(LogLevel.Fatal, "The Runtime API failed; the runtime exits", ex);
            return ExitCodes.RuntimeApiFailed;
        }
    }

    private async Task InvokeAsync(Invocation invocation, CancellationToken stoppingToken)
    {
        dependencies.SetEnvironmentVariable(TraceIdVariable, invocation.TraceHeader);
        var context = new LambdaContext(invocation, environment, logger, dependencies.Time);
        using var scope = LambdaContextAccessor.Enter(context);
        foreach (var observer in observers)
        {
            observer.OnInvocationStart(context);
        }

        if (!TryReadEvent(invocation.Event, out var input, out var unmarshalError))
        {
            logger.Error(unmarshalError, "The event could not be read", ("eventType", eventType.Type.Name));
            await EndAsync(context, unmarshalError).ConfigureAwait(false);
            await PostErrorAsync(invocation, ErrorDocument.UnmarshalErrorType, unmarshalError, stoppingToken)
                .ConfigureAwait(false);
            return;
        }

        byte[] response;
        try
        {
            using var deadline = new CancellationTokenSource(HandlerTimeout(invocation.Deadline), dependencies.Time);
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
            var output = await handler.HandleAsync(input, context, cancellation.Token).ConfigureAwait(false);
            response = JsonSerializer.SerializeToUtf8Bytes(output, responseType);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await EndAsync(context, null).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // Whatever the handler throws is the invocation's error, never the runtime's.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.Error(ex, "The handler failed");
            await EndAsync(context, ex).ConfigureAwait(false);
            await PostErrorAsync(invocation, ExceptionFields.TypeName(ex), ex, stoppingToken).ConfigureAwait(false);
            return;
        }

        await EndAsync(context, null).ConfigureAwait(false);
        await SendAsync(client.PostResponseAsync(invocation.RequestId, response, stoppingToken)).ConfigureAwait(false);
    }

    /// <summary>Ends the observers in reverse order, before the outcome is posted (Lambda may freeze us after).</summary>
    private async ValueTask EndAsync(ILambdaContext context, Exception? error)
    {
        for (var i = observers.Count - 1; i >= 0; i--)
        {
            await observers[i].OnInvocationEndAsync(context, error).ConfigureAwait(false);
        }
    }

    private bool TryReadEvent(
        byte[] body, [MaybeNullWhen(false)] out TEvent input, [NotNullWhen(false)] out JsonException? error)
    {
        try
        {
            input = JsonSerializer.Deserialize(body, eventType) ?? throw new JsonException("The event is JSON null.");
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            input = default;
            error = ex;
            return false;
        }
    }

    private Task PostErrorAsync(Invocation invocation, string errorType, Exception error, CancellationToken token) =>
        SendAsync(client.PostInvocationErrorAsync(
            invocation.RequestId,
            errorType,
            ErrorDocument.Create(errorType, error),
            ErrorCause.Create(error, dependencies.WorkingDirectory),
            token));

    private async Task SendAsync(Task post)
    {
        try
        {
            await post.ConfigureAwait(false);
        }
        catch (RuntimeApiException ex) when (ex.IsRejection)
        {
            logger.Error(ex, "The Runtime API rejected the invocation's outcome", ("statusCode", (int)ex.StatusCode.GetValueOrDefault()));
        }
    }

    private TimeSpan HandlerTimeout(DateTimeOffset deadline)
    {
        var left = deadline - dependencies.Time.GetUtcNow() - DeadlineSafetyMargin;
        return left <= TimeSpan.Zero ? TimeSpan.Zero
            : left.TotalMilliseconds >= int.MaxValue ? Timeout.InfiniteTimeSpan
            : left;
    }
}

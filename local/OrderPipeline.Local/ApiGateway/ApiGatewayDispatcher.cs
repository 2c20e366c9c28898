using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// One request through API Gateway: route it, check its SigV4 signature when the method's authorizer is
/// <c>AWS_IAM</c> (a refused request is answered without a trace, as an unknown route is), take a token of the method's
/// throttle (429 without a trace when there is none), build the proxy event,
/// invoke the function (waiting at most the integration timeout; the invocation itself runs on, as in Lambda), map its
/// response back to HTTP and record the trace. API Gateway segments are emitted when the API has tracing on and the request is sampled; Lambda's segments
/// when the request is sampled and either the API or the function (<c>Tracing: Active</c>) traces.
/// </summary>
internal sealed class ApiGatewayDispatcher(
    ApiRouteTable routes,
    SigV4Verifier verifier,
    ApiThrottle throttle,
    IFunctionInvoker functions,
    TraceStore traces,
    TimeProvider time,
    ApiGatewaySettings settings,
    XRaySampler sampler,
    CancellationToken stopping)
{
    private const string ActiveTracing = "Active";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ids = GatewayRequestIds.New(time);
        var request = await ApiRequestReader.ReadAsync(context, settings.MaxRequestBodyBytes, context.RequestAborted)
            .ConfigureAwait(false);
        if (request is null)
        {
            await ProxyResponseWriter.WriteAsync(context, GatewayResponse.RequestTooLong.ToProxyResponse(), ids, null).ConfigureAwait(false);
            return;
        }

        var match = routes.Find(request.Host, request.Stage, request.PathSegments, request.Method);
        if (match is null)
        {
            await ProxyResponseWriter.WriteAsync(context, GatewayResponse.MissingAuthenticationToken.ToProxyResponse(), ids, null)
                .ConfigureAwait(false);
            return;
        }

        if (match.Route.RequiresIam && verifier.Verify(request) is { } refusal)
        {
            await ProxyResponseWriter.WriteAsync(context, refusal.ToProxyResponse(), ids, null).ConfigureAwait(false);
            return;
        }

        // After authorization, so that refused callers spend nobody's tokens; the documentation does not say which
        // comes first.
        if (!throttle.TryAdmit(match.Route))
        {
            await ProxyResponseWriter.WriteAsync(context, GatewayResponse.TooManyRequests.ToProxyResponse(), ids, null).ConfigureAwait(false);
            return;
        }

        var trace = ApiTrace.From(
            request.Header(TraceHeader.HeaderName), time,
            () => sampler.Decide(ApiGatewaySegments.SamplingRequest(request, match, settings.Region)));
        var api = match.Route.Api;
        var apiTraced = api.TracingEnabled && trace.Sampled;
        var lambdaTraced = trace.Sampled && (api.TracingEnabled || match.Route.Function.Tracing == ActiveTracing);
        var payload = ProxyEventWriter.Write(
            request, match, ForwardedHeaders.Apply(request, trace.EventHeader), ids, settings.AccountId);
        var call = await CallAsync(match.Route.Function.Name, payload, trace, lambdaTraced, apiTraced).ConfigureAwait(false);
        var response = Map(call);
        if (apiTraced)
        {
            // Recorded as the response leaves, so that a client holding the response finds the whole trace stored.
            var exchange = new ApiExchange(request, match, ids, trace, response.StatusCode, response.Body.Length, time.GetUtcNow(), call);
            ApiGatewaySegments.Record(traces, exchange, settings);
        }

        await ProxyResponseWriter.WriteAsync(context, response, ids, trace).ConfigureAwait(false);
    }

    private static ProxyResponse Map(IntegrationCall call)
    {
        if (call.TimedOut)
        {
            return GatewayResponse.EndpointTimedOut.ToProxyResponse();
        }

        if (call.Throttled)
        {
            return GatewayResponse.InvocationRejected.ToProxyResponse();
        }

        return call.Result is { Succeeded: true, Response: { } json } && ProxyResponseReader.TryRead(json, out var response)
            ? response!
            : GatewayResponse.InternalServerError.ToProxyResponse();
    }

    private async Task<IntegrationCall> CallAsync(
        string functionName, byte[] payload, ApiTrace trace, bool lambdaTraced, bool apiTraced)
    {
        var start = time.GetUtcNow();
        var invocation = lambdaTraced ? trace.Invocation(apiTraced) : null;
        var invoking = InvokeAsync(functionName, payload, trace.RuntimeHeader(lambdaTraced), invocation, start);
        try
        {
            var result = await invoking.WaitAsync(settings.IntegrationTimeout, time, stopping).ConfigureAwait(false);
            return new IntegrationCall(functionName, start, time.GetUtcNow(), result, TimedOut: false);
        }
        catch (TimeoutException)
        {
            return new IntegrationCall(functionName, start, time.GetUtcNow(), null, TimedOut: true);
        }
        catch (TooManyRequestsException)
        {
            return new IntegrationCall(functionName, start, time.GetUtcNow(), null, TimedOut: false, Throttled: true);
        }
    }

    /// <summary>Invokes and, once the outcome is in (even after API Gateway stopped waiting), records Lambda's segments.</summary>
    private async Task<InvocationResult?> InvokeAsync(
        string functionName, byte[] payload, string runtimeHeader, LambdaInvocationTrace? invocation, DateTimeOffset start)
    {
        InvocationResult result;
        try
        {
            result = await functions.InvokeAsync(functionName, payload, runtimeHeader, stopping).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }

        if (invocation is not null)
        {
            LambdaSegments.RecordWhenSettled(traces, invocation, functionName, start, result, time);
        }

        return result;
    }
}

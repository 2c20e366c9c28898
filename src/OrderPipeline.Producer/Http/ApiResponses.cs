using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;

namespace OrderPipeline.Producer.Http;

/// <summary>Builds the proxy responses of <c>POST /orders</c>.</summary>
internal static class ApiResponses
{
    /// <summary>Seconds a client should wait before retrying after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Set to <c>true</c> on an answer repeated for a retried Idempotency-Key (as Stripe's API does).</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private const string JsonMediaType = "application/json";

    /// <summary>202 with the order id; <paramref name="replayed"/> adds <see cref="ReplayedHeader"/>.</summary>
    public static ApiGatewayProxyResponse Accepted(OrderId orderId, bool replayed = false)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = JsonMediaType,
            ["Cache-Control"] = "no-store",
        };
        if (replayed)
        {
            headers[ReplayedHeader] = "true";
        }

        return new ApiGatewayProxyResponse { StatusCode = 202, Headers = headers, Body = new OrderAccepted(orderId).ToJson() };
    }

    /// <summary>
    /// The problem as <c>application/problem+json</c>, with <c>Allow</c> on a 405, <c>Retry-After</c> on a 503
    /// (<see cref="RetryAfterSeconds"/>) and on a 409 (<paramref name="retryAfterSeconds"/>, at least 1).
    /// </summary>
    public static ApiGatewayProxyResponse Problem(ProblemDetails problem, int retryAfterSeconds = RetryAfterSeconds)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = ProblemDetails.MediaType,
            ["Cache-Control"] = "no-store",
        };
        switch (problem.Status)
        {
            case 405:
                headers["Allow"] = "POST";
                break;
            case 409 or 503:
                headers["Retry-After"] = Math.Max(1, retryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
        }

        return new ApiGatewayProxyResponse { StatusCode = problem.Status, Headers = headers, Body = problem.ToJson() };
    }
}

using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;

namespace OrderPipeline.Producer.Http;

/// <summary>Builds the proxy responses of <c>POST /orders</c>.</summary>
internal static class ApiResponses
{
    /// <summary>Seconds a client should wait before retrying after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    private const string JsonMediaType = "application/json";

    public static ApiGatewayProxyResponse Accepted(OrderId orderId) => new()
    {
        StatusCode = 202,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = JsonMediaType,
            ["Cache-Control"] = "no-store",
        },
        Body = new OrderAccepted(orderId).ToJson(),
    };

    public static ApiGatewayProxyResponse Problem(ProblemDetails problem)
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
            case 503:
                headers["Retry-After"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
        }

        return new ApiGatewayProxyResponse { StatusCode = problem.Status, Headers = headers, Body = problem.ToJson() };
    }
}

using System.Buffers;
using System.Text.Json;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The answers API Gateway gives itself (its gateway responses): status, <c>{"message":"…"}</c> and, where API Gateway
/// sends one, the <c>x-amzn-ErrorType</c> header.
/// </summary>
internal sealed record GatewayResponse(int StatusCode, string Message, string? ErrorType)
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>No route for the stage, path and method: API Gateway does not say which.</summary>
    public static GatewayResponse MissingAuthenticationToken { get; } =
        new(403, "Missing Authentication Token", "MissingAuthenticationTokenException");

    /// <summary>The function failed, or its response is not a valid proxy response.</summary>
    public static GatewayResponse InternalServerError { get; } =
        new(502, "Internal server error", "InternalServerErrorException");

    /// <summary>The integration took longer than the integration timeout.</summary>
    public static GatewayResponse EndpointTimedOut { get; } = new(504, "Endpoint request timed out", null);

    /// <summary>The request body is over the payload limit.</summary>
    public static GatewayResponse RequestTooLong { get; } = new(413, "Request Too Long", null);

    public ProxyResponse ToProxyResponse()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("message", Message);
            writer.WriteEndObject();
        }

        var headers = new List<KeyValuePair<string, string[]>> { new("Content-Type", ["application/json"]) };
        if (ErrorType is not null)
        {
            headers.Add(new(ErrorTypeHeader, [ErrorType]));
        }

        return new ProxyResponse(StatusCode, headers, buffer.WrittenSpan.ToArray());
    }
}

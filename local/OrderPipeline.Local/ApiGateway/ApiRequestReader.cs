using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// Takes what API Gateway uses from an HTTP request: the raw target (so the path stays percent-encoded, as a REST API
/// passes it), the headers (Kestrel gives known header names in their canonical spelling, others as sent), the body
/// up to the limit, and the client address.
/// </summary>
internal static class ApiRequestReader
{
    /// <summary>Null when the body is longer than <paramref name="maxBodyBytes"/>.</summary>
    public static async Task<ApiRequest?> ReadAsync(HttpContext context, long maxBodyBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = await ReadBodyAsync(context.Request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var stagePath = queryStart < 0 ? target : target[..queryStart];
        var segments = ApiRoute.Split(stagePath);
        var stage = segments.Length > 0 ? segments[0] : string.Empty;
        var path = stagePath.Length > stage.Length + 1 ? stagePath[(stage.Length + 1)..] : "/";
        var request = context.Request;
        var host = request.Host.Value ?? string.Empty;
        return new ApiRequest(
            request.Method.ToUpperInvariant(),
            stage,
            path,
            stagePath,
            segments.Length > 0 ? segments[1..] : [],
            [.. request.Headers.Where(header => header.Value.Count > 0).Select(header => new KeyValuePair<string, string[]>(header.Key, [.. header.Value.Select(v => v ?? string.Empty)]))],
            queryStart < 0 ? [] : QueryString.Parse(target.AsSpan(queryStart)),
            body,
            request.Protocol,
            host,
            $"{request.Scheme}://{host}{target}",
            context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            context.Connection.LocalPort);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

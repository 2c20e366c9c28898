using System.Net.Sockets;
using System.Text;

namespace OrderPipeline.Local.Tests.ApiGateway;

/// <summary>
/// Sends a request exactly as written (HttpClient folds a repeated header into one line; API Gateway's multi-value
/// headers need separate lines) and returns the whole response as text. The request must ask for <c>Connection: close</c>.
/// </summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(string baseUrl, string head, byte[] body)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n")));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}

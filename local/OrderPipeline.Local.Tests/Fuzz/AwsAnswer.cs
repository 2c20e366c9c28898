using System.Net;
using System.Text.Json;

namespace OrderPipeline.Local.Tests.Fuzz;

/// <summary>One answer of a local AWS endpoint, read raw, and the check every fuzzed answer must pass.</summary>
internal sealed record AwsAnswer(HttpStatusCode Status, string Body)
{
    public static async Task<AwsAnswer> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            return new AwsAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A 2xx, or a 4xx whose body is a JSON object with a non-empty <c>__type</c> and a <c>message</c>.</summary>
    public void AssertAwsShaped()
    {
        var status = (int)Status;
        if (status is >= 200 and < 300)
        {
            return;
        }

        Assert.True(status is >= 400 and < 500, $"{status}: {Body}");
        using var document = JsonDocument.Parse(Body);
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("__type").GetString()), Body);
        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("message").ValueKind);
    }
}

namespace OrderPipeline.Local.Cli.Demo;

/// <summary>One request the demo sent through API Gateway, and what came back.</summary>
/// <param name="Kind">"order" or "invalid".</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The response body.</param>
/// <param name="TraceId">The Root of the response's <c>X-Amzn-Trace-Id</c>, null when API Gateway sent none.</param>
/// <param name="Latency">From sending to the whole response.</param>
internal sealed record DemoRequest(string Kind, int Status, string Body, string? TraceId, TimeSpan Latency)
{
    public bool Accepted => Status is >= 200 and < 300;
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Tests.ApiGateway;

/// <summary>Records every invocation and answers with what <see cref="Respond"/> gives (a 200 proxy response by default).</summary>
internal sealed class FakeFunctionInvoker : IFunctionInvoker
{
    public const string OkResponse = """{"statusCode":200,"body":"ok"}""";

    public ConcurrentQueue<RecordedInvocation> Invocations { get; } = new();

    public Func<RecordedInvocation, Task<InvocationResult>> Respond { get; set; } = _ => Task.FromResult(Ok(OkResponse));

    public RecordedInvocation Single => Assert.Single(Invocations);

    public static InvocationResult Ok(string response) =>
        new("req-" + Guid.NewGuid(), Encoding.UTF8.GetBytes(response), null, TimeSpan.FromMilliseconds(3), null, 1);

    public static InvocationResult Failed(string errorType, string errorMessage) => new(
        "req-" + Guid.NewGuid(),
        null,
        new InvocationError(errorType, errorMessage, Encoding.UTF8.GetBytes($$"""{"errorType":"{{errorType}}","errorMessage":"{{errorMessage}}"}""")),
        TimeSpan.FromMilliseconds(3),
        null,
        1);

    public Task<InvocationResult> InvokeAsync(
        string functionName, ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken)
    {
        var invocation = new RecordedInvocation(functionName, payload.ToArray(), traceHeader);
        Invocations.Enqueue(invocation);
        return Respond(invocation);
    }
}

internal sealed record RecordedInvocation(string FunctionName, byte[] Payload, string? TraceHeader)
{
    public JsonNode Event => JsonNode.Parse(Encoding.UTF8.GetString(Payload))!;
}

using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The Lambda integration call of one request. <c>Result</c> is null when the call timed out (<c>TimedOut</c>) or
/// named a function the invoker does not know.
/// </summary>
internal sealed record IntegrationCall(
    string FunctionName, DateTimeOffset Start, DateTimeOffset End, InvocationResult? Result, bool TimedOut)
{
    public bool Failed => Result is not { Succeeded: true };
}

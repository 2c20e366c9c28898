using System.Globalization;
using OrderPipeline.Local.ApiGateway;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// The limits a running stack applies, for <c>up</c>, <c>trial</c> and <c>bench</c> to print: each API method's
/// throttling, the account's Lambda concurrency and each function's share of it, each SQS event source's maximum
/// concurrency, this machine's processes per function (a local limit, not Lambda's), and the parameter overrides that
/// set any of them.
/// </summary>
internal static class StackLimits
{
    public static IReadOnlyList<string> Describe(EmulatedStack stack, StackOptions options)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(options);
        var lines = new List<string>();
        foreach (var function in stack.Template.Functions)
        {
            foreach (var source in function.ApiEvents)
            {
                var route = new ApiRoute(stack.Template.Api(source), function, source);
                var limits = ApiThrottle.LimitsOf(route) is var (rate, burst)
                    ? Text($"{rate} requests/s, burst {burst}, then 429")
                    : "not throttled by the stage";
                lines.Add($"API Gateway    {route.Api.LogicalId}/{route.Api.StageName} {route.Method} {route.ResourcePath}: {limits}");
            }
        }

        var lambda = stack.Lambda;
        var reservations = string.Join(", ", stack.Template.Functions.Select(function =>
            function.ReservedConcurrentExecutions is { } reserved ? Text($"{function.LogicalId} reserved {reserved}") : $"{function.LogicalId} unreserved"));
        lines.Add(Text($"Lambda         account concurrency {lambda.AccountConcurrency} ({lambda.UnreservedConcurrency} unreserved; beyond it TooManyRequestsException): {reservations}"));
        foreach (var function in stack.Template.Functions)
        {
            foreach (var source in function.SqsEvents)
            {
                lines.Add(Text($"Event source   {function.LogicalId}.{source.Name}: MaximumConcurrency {source.MaximumConcurrency} (starts {Math.Min(source.InitialPollers, source.MaximumConcurrency)} pollers)"));
            }
        }

        lines.Add(Text($"This machine   at most {options.FunctionConcurrency} processes per function; an invocation beyond them waits (a local limit, not Lambda's)"));
        var overrides = options.ParameterOverrides is { Count: > 0 } given
            ? string.Join(" ", given.Select(pair => $"{pair.Key}={pair.Value}"))
            : "none (the template's defaults)";
        lines.Add($"Parameters     {overrides}");
        return lines;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

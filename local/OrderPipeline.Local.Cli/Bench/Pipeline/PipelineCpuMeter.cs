using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench.Pipeline;

/// <summary>
/// The CPU used between <see cref="Start"/> and <see cref="Stop"/>: each function's processes exactly (utime + stime
/// from /proc, read while they still run), and this process by <see cref="CpuAttribution"/>, with what it could not
/// attribute as the remainder of this process' total.
/// </summary>
internal sealed class PipelineCpuMeter
{
    private readonly EmulatedStack _stack;
    private readonly CpuAttribution _attribution;
    private readonly Dictionary<int, TimeSpan> _processesAtStart = [];
    private IReadOnlyList<TimeSpan> _componentsAtStart = [];
    private TimeSpan _selfAtStart;

    private PipelineCpuMeter(EmulatedStack stack, CpuAttribution attribution)
    {
        _stack = stack;
        _attribution = attribution;
    }

    public static PipelineCpuMeter Start(EmulatedStack stack, CpuAttribution attribution)
    {
        var meter = new PipelineCpuMeter(stack, attribution);
        foreach (var name in stack.Lambda.FunctionNames)
        {
            foreach (var processId in stack.Lambda.GetFunction(name).ProcessIds())
            {
                meter._processesAtStart[processId] = ProcStat.ReadCpuTime(processId) ?? TimeSpan.Zero;
            }
        }

        meter._componentsAtStart = attribution.Snapshot();
        meter._selfAtStart = CpuAttribution.ProcessCpu();
        return meter;
    }

    /// <summary>CPU per order (of <paramref name="orders"/>), functions first, then the stack's parts, then the driver.</summary>
    public IReadOnlyList<CpuShare> Stop(int orders)
    {
        var self = CpuAttribution.ProcessCpu() - _selfAtStart;
        var components = _attribution.Snapshot();
        var perOrder = 1.0 / Math.Max(orders, 1);
        var shares = new List<CpuShare>();
        foreach (var name in _stack.Lambda.FunctionNames)
        {
            var pool = _stack.Lambda.GetFunction(name);
            var used = TimeSpan.Zero;
            foreach (var processId in pool.ProcessIds())
            {
                // An instance started during the measurement counts from its start, its init included.
                used += (ProcStat.ReadCpuTime(processId) ?? TimeSpan.Zero) - _processesAtStart.GetValueOrDefault(processId);
            }

            // Labelled by logical id, as the template and docs/performance.md name the functions.
            shares.Add(new CpuShare(pool.Function.LogicalId, used.TotalMilliseconds * perOrder, CpuShare.Process));
        }

        var attributed = TimeSpan.Zero;
        foreach (var component in Enum.GetValues<StackComponent>())
        {
            var used = components[(int)component] - _componentsAtStart[(int)component];
            attributed += used;
            if (component != StackComponent.Driver)
            {
                shares.Add(new CpuShare(Name(component), used.TotalMilliseconds * perOrder, CpuShare.ThreadAttribution));
            }
        }

        var remainder = self - attributed;
        shares.Add(new CpuShare("local stack, unattributed", remainder.TotalMilliseconds * perOrder, CpuShare.Remainder));
        var driver = components[(int)StackComponent.Driver] - _componentsAtStart[(int)StackComponent.Driver];
        shares.Add(new CpuShare("bench driver (not the stack)", driver.TotalMilliseconds * perOrder, CpuShare.ThreadAttribution, PartOfStack: false));
        return shares;
    }

    public static string Name(StackComponent component) => component switch
    {
        StackComponent.Driver => "bench driver",
        StackComponent.ApiGateway => "API Gateway emulation",
        StackComponent.LambdaRuntimeApi => "Lambda Runtime API",
        StackComponent.Sqs => "SQS",
        StackComponent.DynamoDb => "DynamoDB",
        StackComponent.EventSourceMapping => "event source mapping",
        StackComponent.XRay => "X-Ray daemon and API",
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Unknown component."),
    };
}

/// <summary>The CPU one part of the pipeline spent per order.</summary>
/// <param name="Component">A function's logical id, or a part of the local stack.</param>
/// <param name="MillisecondsPerOrder">CPU milliseconds (user + system) per accepted order.</param>
/// <param name="Method">How it was measured: <c>process</c> (exact, from /proc), <c>thread-attribution</c>
/// (approximate, see <see cref="CpuAttribution"/>) or <c>remainder</c>.</param>
/// <param name="PartOfStack">False for the bench's own driver, which is not a cost of the pipeline.</param>
internal sealed record CpuShare(string Component, double MillisecondsPerOrder, string Method, bool PartOfStack = true)
{
    public const string Process = "process";
    public const string ThreadAttribution = "thread-attribution";
    public const string Remainder = "remainder";
}

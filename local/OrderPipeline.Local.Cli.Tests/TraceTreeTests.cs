using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Tests;

public sealed class TraceTreeTests
{
    [Fact]
    public void Render_TraceOfTheFunctionAndItsSubsegments_IndentsChildrenUnderTheirParent()
    {
        var store = new TraceStore();
        var start = DateTimeOffset.UnixEpoch.AddSeconds(1_764_134_037);
        var trace = new LambdaInvocationTrace(
            "1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", null, []);
        var result = new InvocationResult(
            "req-1", new byte[] { (byte)'{', (byte)'}' }, null, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30), 1)
        {
            ResponseDuration = TimeSpan.FromMilliseconds(0.5),
            RuntimeOverhead = TimeSpan.FromMilliseconds(1.25),
        };
        LambdaSegments.Record(
            store, trace, "ConsumerFunction", start, start.AddMilliseconds(50), result);

        var lines = TraceTree.Render(store.Trace("1-5759e988-bd862e3fe1be46a994272793")).ToList();

        Assert.Equal(
            [
                "ConsumerFunction (AWS::Lambda)  50.0 ms",
                "  └ ConsumerFunction (AWS::Lambda::Function)  50.0 ms  [aws.responseLatency=20, aws.responseDuration=0.5, aws.runtimeOverhead=1.25, aws.extensionOverhead=0]",
                "    └ Init  30.0 ms",
            ],
            lines);
    }
}

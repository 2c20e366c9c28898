using CsCheck;

namespace OrderPipeline.XRayCause.Tests;

public sealed class CauseChainTests
{
    [Fact]
    public void FromText_ToStringOfAChain_GivesEachExceptionItsOwnFrames()
    {
        const string Text = """
            System.InvalidOperationException: outer
             ---> System.TimeoutException: middle
             ---> System.IO.IOException: inner
               at App.Read() in /src/App.cs:line 3
               --- End of inner exception stack trace ---
               at App.Wait() in /src/App.cs:line 2
               --- End of inner exception stack trace ---
               at App.Run() in /src/App.cs:line 1
            """;

        var chain = CauseChain.FromText("System.InvalidOperationException", "outer", Text, maxFrames: 10);

        Assert.Equal(
            [("System.InvalidOperationException", "outer", "App.Run()"), ("System.TimeoutException", "middle", "App.Wait()"), ("System.IO.IOException", "inner", "App.Read()")],
            chain.Select(e => (e.Type, e.Message, Assert.Single(e.Stack).Label)));
    }

    [Fact]
    public void FromText_AggregateWithSeveralInnerExceptions_KeepsFramesWithTheirOwnException()
    {
        const string Text = """
            System.AggregateException: two failed (a) (b)
             ---> System.Exception: a
               at App.A()
               --- End of inner exception stack trace ---
               at App.All()
             ---> (Inner Exception #1) System.Exception: b
               at App.B()<---
            """;

        var chain = CauseChain.FromText("System.AggregateException", "two failed (a) (b)", Text, maxFrames: 10);

        Assert.Equal(["App.All()"], chain[0].Stack.Select(f => f.Label));
        Assert.Equal(("System.Exception", "a", "App.A()"), (chain[1].Type, chain[1].Message, Assert.Single(chain[1].Stack).Label));
        Assert.Equal(("System.Exception", "b"), (chain[2].Type, chain[2].Message));
    }

    [Fact]
    public void FromText_ChainDeeperThanTheBound_KeepsTheOutermostAndGivesNoFrameToTheWrongException()
    {
        var depth = CauseChain.MaxExceptions + 3;
        var lines = new List<string> { "E0: m0" };
        lines.AddRange(Enumerable.Range(1, depth - 1).Select(i => $" ---> E{i}: m{i}"));
        lines.Add("   at Deepest.Frame()");
        for (var i = depth - 1; i > 0; i--)
        {
            lines.Add("   --- End of inner exception stack trace ---");
            lines.Add($"   at Level{i - 1}.Frame()");
        }

        var chain = CauseChain.FromText("E0", "m0", string.Join('\n', lines), maxFrames: 10);

        Assert.Equal(CauseChain.MaxExceptions, chain.Count);
        Assert.Equal(Enumerable.Range(0, CauseChain.MaxExceptions).Select(i => $"Level{i}.Frame()"), chain.Select(e => Assert.Single(e.Stack).Label));
    }

    [Fact]
    public void FromText_AnyText_NeverThrowsAndKeepsTheOuterException()
    {
        Gen.String.Sample(text =>
        {
            var chain = CauseChain.FromText("T", "m", text, maxFrames: 5);
            Assert.Equal(("T", "m"), (chain[0].Type, chain[0].Message));
            Assert.All(chain, e => Assert.True(e.Stack.Count <= 5));
        });
    }

    [Fact]
    public void FromException_DeepStack_KeepsTheFirstFramesAndCountsTheRest()
    {
        var exception = Assert.ThrowsAny<InvalidOperationException>(() => Recurse(30));

        var entry = Assert.Single(CauseChain.FromException(exception, maxFrames: 10));

        Assert.Equal(("InvalidOperationException", "bottom"), (entry.Type, entry.Message));
        Assert.Equal(10, entry.Stack.Count);
        Assert.True(entry.Truncated >= 21);
        Assert.Contains(nameof(Recurse), entry.Stack[0].Label, StringComparison.Ordinal);
    }

    private static int Recurse(int depth) => depth == 0 ? throw new InvalidOperationException("bottom") : Recurse(depth - 1) + 1;
}

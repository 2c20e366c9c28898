using OrderPipeline.Local.Cli.Bench;

namespace OrderPipeline.Local.Cli.Tests.Bench;

public sealed class ProcStatTests
{
    // A real line's shape: pid, (comm), state, ppid … utime (14) stime (15) cutime (16) cstime (17) …
    private const string Stat =
        "4242 (bootstrap) S 4200 4242 4200 0 -1 4194560 2981 0 0 0 123 45 7 8 20 0 12 0 987654 281018368 4321 18446744073709551615\n";

    [Fact]
    public void TryParseCpuTime_StatLine_AddsUserAndSystemTicks()
    {
        Assert.True(ProcStat.TryParseCpuTime(Stat, out var cpu));

        Assert.Equal(TimeSpan.FromMilliseconds(1680), cpu);
    }

    [Fact]
    public void TryParseCpuTime_CommandNameWithSpacesAndParentheses_CountsFieldsAfterTheLastParenthesis()
    {
        var stat = Stat.Replace("(bootstrap)", "(my (odd) name)", StringComparison.Ordinal);

        Assert.True(ProcStat.TryParseCpuTime(stat, out var cpu));

        Assert.Equal(TimeSpan.FromMilliseconds(1680), cpu);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 (bootstrap) S 4200")]
    [InlineData("4242 bootstrap S 4200 4242 4200 0 -1 4194560 2981 0 0 0 123 45 7 8")]
    [InlineData("4242 (bootstrap) S 4200 4242 4200 0 -1 4194560 2981 0 0 0 x 45 7 8")]
    public void TryParseCpuTime_NotAStatLine_ReturnsFalse(string stat)
    {
        Assert.False(ProcStat.TryParseCpuTime(stat, out _));
    }

    [Fact]
    public void ReadCpuTime_ThisProcess_IsPositive()
    {
        var cpu = ProcStat.ReadCpuTime(Environment.ProcessId);

        Assert.NotNull(cpu);
        Assert.True(cpu > TimeSpan.Zero);
    }
}

using OrderPipeline.Local.Cli.Bench;

namespace OrderPipeline.Local.Cli.Tests.Bench;

public sealed class ProcStatusTests
{
    private const string Status = """
        Name:	bootstrap
        Umask:	0022
        State:	S (sleeping)
        VmPeak:	  274432 kB
        VmSize:	  274432 kB
        VmHWM:	   16384 kB
        VmRSS:	   15872 kB
        Threads:	9
        """;

    [Fact]
    public void TryParseKilobytes_PeakResident_ReturnsBytes()
    {
        Assert.True(ProcStatus.TryParseKilobytes(Status, ProcStatus.PeakResidentField, out var bytes));

        Assert.Equal(16384L * 1024, bytes);
    }

    [Fact]
    public void TryParseKilobytes_FieldThatIsAPrefixOfAnother_MatchesOnlyTheWholeName()
    {
        Assert.True(ProcStatus.TryParseKilobytes(Status, "VmRSS", out var bytes));

        Assert.Equal(15872L * 1024, bytes);
        Assert.False(ProcStatus.TryParseKilobytes(Status, "Vm", out _));
    }

    [Theory]
    [InlineData("Name:\tbootstrap\n")]
    [InlineData("VmHWM:\t16384\n")]
    [InlineData("VmHWM:\tlots kB\n")]
    public void TryParseKilobytes_AbsentOrMalformed_ReturnsFalse(string status)
    {
        Assert.False(ProcStatus.TryParseKilobytes(status, ProcStatus.PeakResidentField, out _));
    }

    [Fact]
    public void ReadPeakResidentBytes_ThisProcess_IsAtLeastAMegabyte()
    {
        Assert.True(ProcStatus.ReadPeakResidentBytes(Environment.ProcessId) > 1024 * 1024);
    }
}

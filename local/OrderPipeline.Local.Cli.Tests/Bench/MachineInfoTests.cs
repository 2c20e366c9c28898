using OrderPipeline.Local.Cli.Bench;

namespace OrderPipeline.Local.Cli.Tests.Bench;

public sealed class MachineInfoTests
{
    [Fact]
    public void CpuModelFrom_CpuInfo_ReturnsTheFirstModelName()
    {
        const string CpuInfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel\t\t: 1\nmodel name\t: AMD EPYC 7B13\n\nprocessor\t: 1\nmodel name\t: other\n";

        Assert.Equal("AMD EPYC 7B13", MachineInfo.CpuModelFrom(CpuInfo));
    }

    [Fact]
    public void CpuModelFrom_NoModelName_ReturnsUnknown()
    {
        Assert.Equal("unknown", MachineInfo.CpuModelFrom("processor\t: 0\nmodel\t\t: 1\n"));
    }
}

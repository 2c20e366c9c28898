using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Tests.Logging;

public sealed class TraceRootTests
{
    [Theory]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793 ;Sampled=0", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=a87bd80c:1", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Parent=53995c3f42cd8ad8;Sampled=1", "")]
    [InlineData("garbage", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Find_Header_GivesRootValue(string? header, string expected)
    {
        Assert.Equal(expected, TraceRoot.Find(header).ToString());
    }
}

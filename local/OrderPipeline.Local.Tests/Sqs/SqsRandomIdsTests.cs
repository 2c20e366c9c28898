using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed class SqsRandomIdsTests
{
    [Fact]
    public void Next_ManyIdsAcrossSeveralBatches_AreDistinctVersion4Uuids()
    {
        var ids = new SqsRandomIds();

        var drawn = Enumerable.Range(0, 1000).Select(_ => ids.Next()).ToList();

        Assert.Equal(drawn.Count, drawn.Distinct().Count());
        Assert.All(drawn, id => Assert.Equal((4, 0b10), (id.Version, id.Variant >> 2)));
    }

    [Fact]
    public void NextString_Always_IsTheLowercase36CharacterForm()
    {
        var id = new SqsRandomIds().NextString();

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
    }
}

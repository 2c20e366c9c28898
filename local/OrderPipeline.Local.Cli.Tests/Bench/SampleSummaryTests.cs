using OrderPipeline.Local.Cli.Bench;

namespace OrderPipeline.Local.Cli.Tests.Bench;

public sealed class SampleSummaryTests
{
    [Fact]
    public void Of_OddCount_MedianIsTheMiddleValue()
    {
        var summary = SampleSummary.Of([5, 1, 3]);

        Assert.Equal(3, summary.Median);
        Assert.Equal((1.0, 5.0, 3), (summary.Min, summary.Max, summary.Count));
    }

    [Fact]
    public void Of_EvenCount_MedianIsTheMeanOfTheTwoMiddleValues()
    {
        var summary = SampleSummary.Of([4, 1, 2, 10]);

        Assert.Equal(3, summary.Median);
        Assert.Equal(4.25, summary.Mean);
    }

    [Fact]
    public void Of_TenValues_P90IsTheNinthAndP99TheTenth()
    {
        var summary = SampleSummary.Of([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);

        Assert.Equal(9, summary.P90);
        Assert.Equal(10, summary.P99);
    }

    [Fact]
    public void Of_HundredValues_P90AndP99AreNearestRanks()
    {
        var summary = SampleSummary.Of(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal((90.0, 99.0, 50.5), (summary.P90, summary.P99, summary.Median));
    }

    [Fact]
    public void Of_OneValue_EveryFigureIsThatValue()
    {
        var summary = SampleSummary.Of([7]);

        Assert.Equal([7.0, 7, 7, 7, 7, 7], [summary.Min, summary.Median, summary.P90, summary.P99, summary.Max, summary.Mean]);
    }

    [Fact]
    public void Of_NoValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => SampleSummary.Of([]));
    }

    [Fact]
    public void Of_NotANumber_Throws()
    {
        Assert.Throws<ArgumentException>(() => SampleSummary.Of([1, double.NaN]));
    }

    [Fact]
    public void NearestRank_ShareAboveOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSummary.NearestRank([1.0], 1.5));
    }
}

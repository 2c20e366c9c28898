using OrderPipeline.Local.ApiGateway;

namespace OrderPipeline.Local.Tests.ApiGateway;

public sealed class QueryStringTests
{
    [Fact]
    public void Parse_EncodedRepeatedAndBareParameters_DecodedInOrder()
    {
        var parameters = QueryString.Parse("?a=1&b=x%20y+z&a=2&bare&=dropped&c=a=b");

        Assert.Equal(
            [new("a", "1"), new("b", "x y+z"), new("a", "2"), new("bare", ""), new("c", "a=b")],
            parameters);
    }

    [Fact]
    public void Group_RepeatedNames_FirstSeenOrderWithEveryValue()
    {
        var grouped = QueryString.Group([new("b", "1"), new("a", "2"), new("b", "3")]);

        Assert.Equal(["b", "a"], grouped.Select(entry => entry.Key));
        Assert.Equal(["1", "3"], grouped[0].Value);
    }
}

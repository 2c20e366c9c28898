using System.Globalization;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Contracts.Tests;

public sealed class OrderIdTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 13, 57, 123, TimeSpan.Zero);

    [Fact]
    public void New_TimeProvider_StampsItsTimeAsVersion7()
    {
        var id = OrderId.New(new ManualTimeProvider(Now));

        var text = id.ToString();
        var unixMilliseconds = long.Parse(text[..8] + text[9..13], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), unixMilliseconds);
        Assert.Equal(7, id.Value.Version);
        Assert.Equal('7', text[14]);
    }

    [Fact]
    public void New_SameInstant_GivesDistinctIds()
    {
        var time = new ManualTimeProvider(Now);

        Assert.NotEqual(OrderId.New(time), OrderId.New(time));
    }

    [Fact]
    public void ToString_IsLowercaseDForm()
    {
        var id = new OrderId(Guid.Parse("019ABCDE-F012-7345-8678-9ABCDEF01234"));

        Assert.Equal("019abcde-f012-7345-8678-9abcdef01234", id.ToString());
        Assert.Equal(OrderId.Length, id.ToString().Length);
    }

    [Theory]
    [InlineData("019abcde-f012-7345-8678-9abcdef01234")]
    [InlineData("3f2504e0-4f89-41d3-9a0c-0305e82c3301")] // version 4: ids of other versions are still read
    public void TryParse_CanonicalForm_ReturnsTheId(string text)
    {
        Assert.True(OrderId.TryParse(text, out var id));
        Assert.Equal(Guid.Parse(text), id.Value);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("019ABCDE-F012-7345-8678-9ABCDEF01234")]
    [InlineData("019abcde-f012-7345-8678-9abcdef0123A")]
    [InlineData("{019abcde-f012-7345-8678-9abcdef01234}")]
    [InlineData("019abcdef01273458678 9abcdef01234")]
    [InlineData("019abcdef012734586789abcdef01234")]
    [InlineData(" 019abcde-f012-7345-8678-9abcdef01234")]
    [InlineData("019abcde-f012-7345-8678-9abcdef01234 ")]
    [InlineData("019abcde-f012-7345-8678-9abcdef0123")]
    [InlineData("019abcde-f012-7345-8678-9abcdef012345")]
    [InlineData("019abcde+f012-7345-8678-9abcdef01234")]
    [InlineData("019abcde-f012-7345-8678-9abcdef0123g")]
    [InlineData("019abcde-f012-7345-8678-9abcdef0123\uFF41")] // full-width a
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void TryParse_AnyOtherText_ReturnsFalse(string? text)
    {
        Assert.False(OrderId.TryParse(text, out var id));
        Assert.Equal(default, id);
    }

    [Fact]
    public void TryParse_NewId_RoundTrips()
    {
        var id = OrderId.New(TimeProvider.System);

        Assert.True(OrderId.TryParse(id.ToString(), out var read));
        Assert.Equal(id, read);
    }
}

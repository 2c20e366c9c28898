namespace OrderPipeline.Contracts.Tests;

public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("order-2026-11-26-0001")]
    [InlineData("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")]
    [InlineData("3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    public void TryParse_VisibleAscii_ReturnsTheKey(string text)
    {
        Assert.True(IdempotencyKey.TryParse(text, out var key));
        Assert.Equal(text, key.Value);
    }

    [Fact]
    public void TryParse_64Characters_ReturnsTheKey()
    {
        Assert.True(IdempotencyKey.TryParse(new string('k', IdempotencyKey.MaxLength), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData(" leading")]
    [InlineData("tab\tinside")]
    [InlineData("new\nline")]
    [InlineData("nul\0")]
    [InlineData("del\u007F")]
    [InlineData("caf\u00E9")]
    [InlineData("\uFF41")] // full-width a
    public void TryParse_AnythingElse_ReturnsFalse(string? text)
    {
        Assert.False(IdempotencyKey.TryParse(text, out var key));
        Assert.Equal(default, key);
    }

    [Fact]
    public void TryParse_65Characters_ReturnsFalse()
    {
        Assert.False(IdempotencyKey.TryParse(new string('k', IdempotencyKey.MaxLength + 1), out _));
    }

    [Fact]
    public void Value_OfDefault_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => default(IdempotencyKey).Value);
    }
}

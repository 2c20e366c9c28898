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

    // Vectors computed independently with Python: uuid.UUID(bytes=...) over hashlib.sha256(namespace.bytes + key +
    // b"\x00" + customer_id).digest()[:16] with byte 6 = (b & 0x0F) | 0x80 and byte 8 = (b & 0x3F) | 0x80.
    [Theory]
    [InlineData("cust-42", "order-2026-11-26-0001", "e59ee547-85b4-805c-857c-cbadbad5bd1b")]
    [InlineData("cust-43", "order-2026-11-26-0001", "08e4dfe4-3c78-8e42-8185-fccf5d269cc9")]
    [InlineData("cust-42", "!~\"{}", "04608488-99ce-8eb9-a25e-288ce2529521")]
    public void FromIdempotencyKey_KnownVector_GivesThatVersion8Id(string customerId, string key, string expected)
    {
        Assert.True(IdempotencyKey.TryParse(key, out var idempotencyKey));

        var id = OrderId.FromIdempotencyKey(customerId, idempotencyKey);

        Assert.Equal(expected, id.ToString());
        Assert.Equal(8, id.Value.Version);
        Assert.Equal(0b10, id.Value.Variant >> 2);
    }

    [Fact]
    public void FromIdempotencyKey_SameCustomerAndKey_GivesTheSameId()
    {
        Assert.True(IdempotencyKey.TryParse("retry-me", out var key));

        Assert.Equal(OrderId.FromIdempotencyKey("cust-42", key), OrderId.FromIdempotencyKey("cust-42", key));
    }

    [Theory]
    [InlineData("cust-42", "k1", "cust-43", "k1")]
    [InlineData("cust-42", "k1", "cust-42", "k2")]
    [InlineData("ab", "c", "a", "bc")]
    public void FromIdempotencyKey_DifferentCustomerOrKey_GivesDifferentIds(
        string customerA, string keyA, string customerB, string keyB)
    {
        Assert.True(IdempotencyKey.TryParse(keyA, out var a));
        Assert.True(IdempotencyKey.TryParse(keyB, out var b));

        Assert.NotEqual(OrderId.FromIdempotencyKey(customerA, a), OrderId.FromIdempotencyKey(customerB, b));
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

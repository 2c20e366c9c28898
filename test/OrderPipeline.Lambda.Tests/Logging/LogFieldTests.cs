using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Tests.Logging;

public sealed class LogFieldTests
{
    [Fact]
    public void ImplicitConversion_FromTuples_KeepsNameKindAndValue()
    {
        LogField text = ("orderId", "abc");
        LogField integer = ("items", 3);
        LogField big = ("bytes", 5_000_000_000L);
        LogField real = ("ratio", 0.25);
        LogField money = ("total", 19.99m);
        LogField flag = ("retry", true);

        Assert.Equal(("orderId", LogFieldKind.String, "abc"), (text.Name, text.Kind, text.GetString()));
        Assert.Equal(("items", LogFieldKind.Int64, 3L), (integer.Name, integer.Kind, integer.GetInt64()));
        Assert.Equal(5_000_000_000L, big.GetInt64());
        Assert.Equal((LogFieldKind.Double, 0.25), (real.Kind, real.GetDouble()));
        Assert.Equal((LogFieldKind.Decimal, 19.99m), (money.Kind, money.GetDecimal()));
        Assert.Equal((LogFieldKind.Boolean, true), (flag.Kind, flag.GetBoolean()));
    }

    [Fact]
    public void GetInt64_OnStringField_Throws()
    {
        LogField field = ("orderId", "abc");

        Assert.Throws<InvalidOperationException>(() => field.GetInt64());
    }

    [Fact]
    public void Constructor_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LogField(string.Empty, 1L));
    }
}

using System.Text;

namespace OrderPipeline.Contracts.Tests;

public sealed class OrderAcceptedTests
{
    private const string Expected = """{"orderId":"019abcde-f012-7345-8678-9abcdef01234","status":"accepted"}""";

    private static readonly OrderAccepted Accepted = new(new OrderId(Guid.Parse("019abcde-f012-7345-8678-9abcdef01234")));

    [Fact]
    public void ToJson_WritesIdAndStatus() => Assert.Equal(Expected, Accepted.ToJson());

    [Fact]
    public void ToUtf8Json_WritesSameBytesAsText() => Assert.Equal(Encoding.UTF8.GetBytes(Expected), Accepted.ToUtf8Json());

    [Fact]
    public void Status_IsAccepted() => Assert.Equal("accepted", Accepted.Status);
}

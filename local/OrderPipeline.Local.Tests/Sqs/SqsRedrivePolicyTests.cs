using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed class SqsRedrivePolicyTests
{
    private const string Arn = "arn:aws:sqs:us-east-1:000000000000:orders-dlq";

    [Theory]
    [InlineData("{\"deadLetterTargetArn\":\"" + Arn + "\",\"maxReceiveCount\":5}")]
    [InlineData("{\"deadLetterTargetArn\":\"" + Arn + "\",\"maxReceiveCount\":\"5\"}")]
    public void TryParse_WithNumberOrStringCount_ReadsThePolicy(string json) =>
        Assert.Equal(new SqsRedrivePolicy(Arn, 5), SqsRedrivePolicy.TryParse(json));

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"maxReceiveCount\":5}")]
    [InlineData("{\"deadLetterTargetArn\":\"" + Arn + "\"}")]
    [InlineData("{\"deadLetterTargetArn\":\"" + Arn + "\",\"maxReceiveCount\":0}")]
    [InlineData("{\"deadLetterTargetArn\":\"" + Arn + "\",\"maxReceiveCount\":\"many\"}")]
    public void TryParse_WithInvalidPolicy_ReturnsNull(string json) => Assert.Null(SqsRedrivePolicy.TryParse(json));

    [Fact]
    public void ToJson_OfPolicy_WritesTheSqsShapeThatParsesBack()
    {
        var policy = new SqsRedrivePolicy(Arn, 3);

        Assert.Equal("{\"deadLetterTargetArn\":\"" + Arn + "\",\"maxReceiveCount\":3}", policy.ToJson());
        Assert.Equal(policy, SqsRedrivePolicy.TryParse(policy.ToJson()));
    }
}

using System.Text;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed class SqsMessageDigestTests
{
    [Fact]
    public void OfBody_Utf8Body_IsMd5HexOfUtf8Bytes()
    {
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", SqsMessageDigest.OfBody("hello"));
        Assert.Equal("d43159842a6911108856bdc9a0a71621", SqsMessageDigest.OfBody("{\"orderId\":\"o-1\"}"));
    }

    // 200 repeats of a phrase with 2-, 3- and 4-byte UTF-8 characters: 3,600 bytes; md5 computed outside the code under test.
    [Fact]
    public void OfBody_BodyLargerThanTheStackBuffer_IsMd5HexOfUtf8Bytes() =>
        Assert.Equal("589fe0cf4d58c47588e25e5ae66ea5e4", SqsMessageDigest.OfBody(string.Concat(Enumerable.Repeat("order é ✓ 😀 ", 200))));

    // Published vectors for the SQS attribute digest (the aws-md5-of-message-attributes package's README).
    [Fact]
    public void OfAttributes_StringAttribute_MatchesPublishedVector() =>
        Assert.Equal("19e27d4e946b072f3f58da80d94fd778", SqsMessageDigest.OfAttributes(
            new Dictionary<string, SqsAttributeValue> { ["attribName1"] = SqsAttributeValue.FromString("attribValue 1") }));

    [Fact]
    public void OfAttributes_CustomNumberType_MatchesPublishedVector() =>
        Assert.Equal("9fe1b90bbd9965bdf77bac517c7d2495", SqsMessageDigest.OfAttributes(
            new Dictionary<string, SqsAttributeValue>
            {
                ["customNumberTypeAttrib"] = new("Number.float", "4563442423554324324264524243.32543234", null),
            }));

    [Fact]
    public void OfAttributes_BinaryAttribute_MatchesPublishedVector() =>
        Assert.Equal("31a92b15d92f8db860eda32aceb656c3", SqsMessageDigest.OfAttributes(
            new Dictionary<string, SqsAttributeValue>
            {
                ["binaryAttribute"] = SqsAttributeValue.FromBinary(Encoding.UTF8.GetBytes("Hello binary world!")),
            }));

    [Fact]
    public void OfAttributes_SeveralAttributesInAnyOrder_SortsNamesOrdinally()
    {
        var binary = SqsAttributeValue.FromBinary(Encoding.UTF8.GetBytes("Hello binary world!"));
        var number = new SqsAttributeValue("Number.float", "4563442423554324324264524243.32543234", null);
        var text = SqsAttributeValue.FromString("attribValue 1");

        var digest = SqsMessageDigest.OfAttributes(new Dictionary<string, SqsAttributeValue>
        {
            ["customNumberTypeAttrib"] = number,
            ["binaryAttribute"] = binary,
            ["attribName1"] = text,
        });

        Assert.Equal("c932db14a896c663f83c260297d594ff", digest);
    }
}

using System.Text;
using OrderPipeline.Local.DynamoDb;

namespace OrderPipeline.Local.Tests.DynamoDb;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0u)]
    [InlineData("123456789", 0xCBF43926u)] // The CRC-32/ISO-HDLC check value.
    [InlineData("{}", 2745614147u)] // zlib.crc32(b"{}")
    public void Compute_KnownInputs_GiveTheStandardChecksum(string text, uint expected) =>
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
}

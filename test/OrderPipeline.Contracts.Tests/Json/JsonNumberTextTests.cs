using System.Text;
using OrderPipeline.Contracts.Json;

namespace OrderPipeline.Contracts.Tests.Json;

public sealed class JsonNumberTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("-0.000", 0)]
    [InlineData("0e-50", 0)]
    [InlineData("19", 0)]
    [InlineData("19.9", 1)]
    [InlineData("19.99", 2)]
    [InlineData("19.990", 2)]
    [InlineData("19.999", 3)]
    [InlineData("-19.999", 3)]
    [InlineData("100", 0)]
    [InlineData("1e2", 0)]
    [InlineData("1.5e1", 0)]
    [InlineData("1.25E+1", 1)]
    [InlineData("1e-3", 3)]
    [InlineData("1000e-4", 1)]
    [InlineData("1999e-2", 2)]
    [InlineData("1e-400", 400)]
    [InlineData("1e400", 0)]
    [InlineData("1e-99999999999999999999", 1_000_000_000)]
    [InlineData("0.0000000000000000000000000000001", 31)]
    public void DecimalPlaces_NumberText_CountsSignificantFractionDigits(string number, long expected) =>
        Assert.Equal(expected, JsonNumberText.DecimalPlaces(Encoding.ASCII.GetBytes(number)));
}

using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.Tests.DynamoDb.Tables;

public sealed class DynamoDbNumberTests
{
    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("10E-1", "1")]
    [InlineData("-0", "0.000")]
    [InlineData("+5", "5")]
    [InlineData("0.0012", "1.2e-3")]
    [InlineData("123000", "1.23E5")]
    public void Parse_EqualValuesWrittenDifferently_GiveTheSameCanonicalText(string left, string right) =>
        Assert.Equal(DynamoDbNumber.Parse(left).ToString(), DynamoDbNumber.Parse(right).ToString());

    [Theory]
    [InlineData("-2", "-1")]
    [InlineData("-1", "0")]
    [InlineData("0", "0.5")]
    [InlineData("0.5", "2")]
    [InlineData("2", "10")]
    [InlineData("12", "12.5")]
    [InlineData("-12.5", "-12")]
    public void CompareTo_OrdersNumerically(string smaller, string larger)
    {
        Assert.True(DynamoDbNumber.Parse(smaller).CompareTo(DynamoDbNumber.Parse(larger)) < 0);
        Assert.True(DynamoDbNumber.Parse(larger).CompareTo(DynamoDbNumber.Parse(smaller)) > 0);
    }

    [Theory]
    [InlineData("", "The parameter cannot be converted to a numeric value: ")]
    [InlineData("abc", "The parameter cannot be converted to a numeric value: abc")]
    [InlineData("1.2.3", "The parameter cannot be converted to a numeric value: 1.2.3")]
    [InlineData("1e", "The parameter cannot be converted to a numeric value: 1e")]
    [InlineData("1e9999999", "The parameter cannot be converted to a numeric value: 1e9999999")]
    [InlineData(" 1", "The parameter cannot be converted to a numeric value:  1")]
    [InlineData("123456789012345678901234567890123456789", "Attempting to store more than 38 significant digits in a Number")]
    [InlineData("1E126", "Number overflow. Attempting to store a number with magnitude larger than supported range")]
    [InlineData("1E-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range")]
    public void Parse_WhatDynamoDbRefuses_ThrowsItsValidationMessage(string text, string message)
    {
        var error = Assert.Throws<DynamoDbProtocolException>(() => DynamoDbNumber.Parse(text));

        Assert.Equal(("ValidationException", message), (error.Error.Code, error.Error.Message));
    }

    [Theory]
    [InlineData("9.9999999999999999999999999999999999999E+125")]
    [InlineData("1E-130")]
    [InlineData("-1E-130")]
    public void Parse_TheLimitsOfTheRange_Succeeds(string text) =>
        Assert.False(DynamoDbNumber.Parse(text).IsZero);
}

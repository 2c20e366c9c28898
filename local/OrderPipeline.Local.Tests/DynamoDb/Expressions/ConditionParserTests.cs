using System.Text.Json;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.DynamoDb.Expressions;

namespace OrderPipeline.Local.Tests.DynamoDb.Expressions;

public sealed class ConditionParserTests
{
    private const string Item = """
        {"orderId":{"S":"o-1"},"total":{"N":"39.98"},"status":{"S":"ACCEPTED"},"paid":{"BOOL":true},
         "tags":{"SS":["gift","rush"]},"order":{"M":{"currency":{"S":"EUR"},"items":{"L":[{"M":{"sku":{"S":"BOOK-1"}}}]}}}}
        """;

    private const string Values = """
        {":s":{"S":"ACCEPTED"},":other":{"S":"REJECTED"},":n":{"N":"40"},":low":{"N":"39.980"},":t":{"BOOL":true},
         ":eur":{"S":"EUR"},":gift":{"S":"gift"},":pre":{"S":"BOOK"},":type":{"S":"SS"}}
        """;

    [Theory]
    [InlineData("attribute_not_exists(orderId)", false)]
    [InlineData("attribute_not_exists(missing)", true)]
    [InlineData("attribute_exists(#o.currency)", true)]
    [InlineData("attribute_exists(#o.items[0].sku)", true)]
    [InlineData("attribute_exists(#o.items[1].sku)", false)]
    [InlineData("#st = :s", true)]
    [InlineData("#st <> :s", false)]
    [InlineData("missing <> :s", true)]
    [InlineData("missing = :s", false)]
    [InlineData("total < :n", true)]
    [InlineData("total = :low", true)]
    [InlineData("total >= :n", false)]
    [InlineData("total between :low and :n", true)]
    [InlineData("#st IN (:other, :s)", true)]
    [InlineData("paid = :t AND #o.currency = :eur", true)]
    [InlineData("#st = :other OR paid = :t", true)]
    [InlineData("NOT #st = :s", false)]
    [InlineData("NOT (#st = :other OR total > :n) AND paid = :t", true)]
    [InlineData("#st = :other OR total > :n AND paid = :t", false)]
    [InlineData("contains(tags, :gift)", true)]
    [InlineData("begins_with(#o.items[0].sku, :pre)", true)]
    [InlineData("attribute_type(tags, :type)", true)]
    [InlineData("#st = :n", false)]
    public void Parse_ThenEvaluate_GivesDynamoDbsAnswer(string expression, bool expected)
    {
        var (item, attributes) = Setup();

        var condition = ConditionParser.Parse("ConditionExpression", expression, attributes);

        Assert.Equal(expected, condition(item));
    }

    [Theory]
    [InlineData("", "Invalid ConditionExpression: The expression can not be empty;")]
    [InlineData("#st = ", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"")]
    [InlineData("#st == :s", "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"==\"")]
    [InlineData("#st = :s)", "Invalid ConditionExpression: Syntax error; token: \")\", near: \":s)\"")]
    [InlineData("#st % :s", "Invalid ConditionExpression: Syntax error; token: \"%\", near: \"%\"")]
    [InlineData("#nope = :s", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope")]
    [InlineData("#st = :nope", "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope")]
    [InlineData("attribute_exists(:s)", "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists")]
    [InlineData("frobnicate(#st)", "Invalid ConditionExpression: Invalid function name; function: frobnicate")]
    [InlineData("total < :t", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL")]
    public void Parse_BadExpression_ThrowsDynamoDbsValidationMessage(string expression, string message)
    {
        var (_, attributes) = Setup();

        var error = Assert.Throws<DynamoDbProtocolException>(
            () => ConditionParser.Parse("ConditionExpression", expression, attributes));

        Assert.Equal(("ValidationException", message), (error.Error.Code, error.Error.Message));
    }

    private static (IReadOnlyDictionary<string, JsonElement> Item, ExpressionAttributes Attributes) Setup()
    {
        var item = JsonDocument.Parse(Item).RootElement.EnumerateObject()
            .ToDictionary(member => member.Name, member => member.Value.Clone(), StringComparer.Ordinal);
        var request = JsonDocument.Parse(
            $$"""{"ExpressionAttributeNames":{"#st":"status","#o":"order"},"ExpressionAttributeValues":{{Values}}}""");
        return (item, new ExpressionAttributes(request.RootElement.Clone()));
    }
}

using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class TableReaderTests
{
    private const string OrdersTable = """
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - AttributeName: orderId
                  AttributeType: S
                - AttributeName: version
                  AttributeType: N
              KeySchema:
                - AttributeName: orderId
                  KeyType: HASH
                - AttributeName: version
                  KeyType: RANGE

        """;

    [Fact]
    public void Parse_TableWithHashAndRangeKeys_ReadsBothKeysWithTheirTypes()
    {
        var table = Assert.Single(InlineTemplate.Parse(OrdersTable).Tables);

        Assert.Equal(new TableDefinition("Orders", TestAccount.With().GeneratedName("Orders", 255), new TableKey("orderId", "S"), new TableKey("version", "N")), table);
    }

    [Fact]
    public void Resolve_RefAndGetAttOfTable_GiveItsLocalNameAndArn()
    {
        var name = TemplateReader.Parse(InlineTemplate.WithVariable("!Ref Orders") + OrdersTable, TestAccount.With())
            .Function("Fn").Environment["VALUE"];
        var arn = TemplateReader.Parse(InlineTemplate.WithVariable("!GetAtt Orders.Arn") + OrdersTable, TestAccount.With())
            .Function("Fn").Environment["VALUE"];

        Assert.Equal("local-stack-Orders-P92AP1MHPP3I", name);
        Assert.Equal($"arn:aws:dynamodb:eu-west-1:{LocalAccount.Id}:table/local-stack-Orders-P92AP1MHPP3I", arn);
    }

    [Theory]
    [InlineData("- AttributeName: orderId\n          KeyType: HASH\n        - ", "- ", "needs a HASH key")]
    [InlineData("KeyType: RANGE", "KeyType: HASH", "not a HASH or RANGE the table lacks")]
    [InlineData("AttributeType: S", "AttributeType: BOOL", "S, N or B")]
    [InlineData("- AttributeName: orderId\n          KeyType: HASH", "- AttributeName: missing\n          KeyType: HASH", "not in AttributeDefinitions")]
    public void Parse_BrokenKeySchema_ThrowsNamingTheProblem(string from, string to, string expected)
    {
        var broken = OrdersTable.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(OrdersTable, broken);

        var error = Assert.Throws<TemplateException>(() => InlineTemplate.Parse(broken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    // AWS::DynamoDB::Table's properties:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
    [Theory]
    [InlineData("      GlobalSecondaryIndexes: []", "Resources.Orders.Properties.GlobalSecondaryIndexes: the local DynamoDB serves no secondary indexes")]
    [InlineData("      StreamSpecification:\n        StreamViewType: NEW_IMAGE", "Resources.Orders.Properties.StreamSpecification: DynamoDB Streams are not emulated")]
    [InlineData("      KeySchemas: []", "Resources.Orders.Properties.KeySchemas: KeySchemas is not supported by the local stack on AWS::DynamoDB::Table")]
    public void Parse_RefusedProperty_ThrowsNamingIt(string property, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => InlineTemplate.Parse(OrdersTable.TrimEnd() + "\n" + property + "\n"));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PropertiesWithoutLocalEffect_AcceptedAsListed()
    {
        var table = Assert.Single(InlineTemplate.Parse(OrdersTable.TrimEnd()
            + "\n      SSESpecification:\n        SSEEnabled: true\n      DeletionProtectionEnabled: true\n").Tables);

        Assert.Equal("Orders", table.LogicalId);
        Assert.Contains("SSESpecification", TableReader.Properties.AcceptedWithoutEffect.Keys);
        Assert.Contains("DeletionProtectionEnabled", TableReader.Properties.AcceptedWithoutEffect.Keys);
    }
}

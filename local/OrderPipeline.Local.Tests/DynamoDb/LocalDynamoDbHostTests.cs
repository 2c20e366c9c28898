using Amazon.DynamoDBv2;
using Amazon.Runtime;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Tests.Stack.Template;

namespace OrderPipeline.Local.Tests.DynamoDb;

public sealed class LocalDynamoDbHostTests
{
    [Fact]
    public async Task CreateTables_TemplateTable_IsThereForTheSdkWithItsKeySchema()
    {
        var template = InlineTemplate.Parse("""
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions:
                    - AttributeName: orderId
                      AttributeType: S
                  KeySchema:
                    - AttributeName: orderId
                      KeyType: HASH

            """);
        var resources = TestAccount.With();
        await using var host = await LocalDynamoDbHost.StartAsync(0, resources.Region, CancellationToken.None);
        using var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = host.ServiceUrl, AuthenticationRegion = resources.Region, MaxErrorRetry = 0 });

        host.CreateTables(template);
        var table = (await client.DescribeTableAsync(template.Tables[0].Name)).Table;

        Assert.Equal(("orderId", KeyType.HASH), (Assert.Single(table.KeySchema).AttributeName, Assert.Single(table.KeySchema).KeyType));
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
    }
}

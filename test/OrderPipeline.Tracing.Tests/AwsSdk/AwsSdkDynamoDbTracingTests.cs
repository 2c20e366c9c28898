using System.Diagnostics;
using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.Tracing.AwsSdk;

namespace OrderPipeline.Tracing.Tests.AwsSdk;

// The same hook on a DynamoDB client: the call is a child activity named after the service, tagged with its table
// (aws.table_name in the segment) and no queue, and the HTTP request carries the trace header naming it.
public sealed class AwsSdkDynamoDbTracingTests : IAsyncLifetime
{
    private const string Table = "OrdersTable";
    private DynamoDbEndpoint _endpoint = null!;
    private AmazonDynamoDBClient _client = null!;

    public AwsSdkDynamoDbTracingTests() => AwsSdkTracing.Register();

    public async Task InitializeAsync()
    {
        _endpoint = await DynamoDbEndpoint.StartAsync();
        _endpoint.CreateTable(Table, "orderId");
        _client = _endpoint.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task PutItem_RecordedParent_TagsTheTableAndSendsTheHeaderNamingTheCall()
    {
        using var recorder = new ActivityRecorder();
        using var parent = recorder.StartParent(RemoteParent());

        await _client.PutItemAsync(Put());

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.Equal("DynamoDB", sdk.DisplayName);
        Assert.Equal(ActivityKind.Client, sdk.Kind);
        Assert.Equal("DynamoDB", sdk.GetTagItem(TraceTags.RpcService));
        Assert.Equal("PutItem", sdk.GetTagItem(TraceTags.RpcMethod));
        Assert.Equal(Table, sdk.GetTagItem(TraceTags.AwsTableName));
        Assert.Null(sdk.GetTagItem(TraceTags.AwsQueueUrl));
        Assert.Null(sdk.GetTagItem(TraceTags.MessageId));
        Assert.Equal(200, sdk.GetTagItem(TraceTags.HttpStatusCode));
        Assert.Equal(ActivityStatusCode.Unset, sdk.Status);
        Assert.Equal(
            $"Root=1-5759e988-bd862e3fe1be46a994272793;Parent={sdk.SpanId.ToHexString()};Sampled=1",
            Assert.Single(_endpoint.Requests).Header("X-Amzn-Trace-Id"));
    }

    [Fact]
    public async Task PutItem_ConditionFails_MarksTheCallAsAnErrorWithItsStatus()
    {
        using var recorder = new ActivityRecorder();
        await _client.PutItemAsync(Put());
        using var parent = recorder.StartParent(RemoteParent());

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => _client.PutItemAsync(Put()));

        var sdk = Assert.Single(recorder.ChildrenOf(parent));
        Assert.Equal(ActivityStatusCode.Error, sdk.Status);
        Assert.Equal((int)HttpStatusCode.BadRequest, sdk.GetTagItem(TraceTags.HttpStatusCode));
        Assert.Equal(Table, sdk.GetTagItem(TraceTags.AwsTableName));
    }

    private static PutItemRequest Put() => new()
    {
        TableName = Table,
        Item = new Dictionary<string, AttributeValue> { ["orderId"] = new() { S = "o-1" } },
        ConditionExpression = "attribute_not_exists(orderId)",
    };

    private static ActivityContext RemoteParent() => new(
        ActivityTraceId.CreateFromString("5759e988bd862e3fe1be46a994272793"),
        ActivitySpanId.CreateFromString("53995c3f42cd8ad8"),
        ActivityTraceFlags.Recorded,
        traceState: null,
        isRemote: true);
}

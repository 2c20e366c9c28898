using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

// Most tests drive the fake with the real AWSSDK.SQS client, whose ValidationResponseHandler recomputes the body and
// message-attribute digests and throws "MD5 hash mismatch" on a wrong one: a passing call proves those digests.
public sealed partial class SqsServiceTests
{
    // md5 of the SQS attribute encoding of exactly these values, computed by hand outside the code under test.
    private const string OrderAttributesDigest = "a162f9a2a1fd24e3425745d94b0332c2";
    private const string TraceHeaderDigest = "5ae4d5d7636402d80f4eb6d213245a88";

    [Fact]
    public async Task SendMessage_WithSdkClient_ReturnsMessageIdAndBodyDigest()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var response = await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "{\"orderId\":\"o-1\"}"));

        var accepted = Assert.Single(endpoint.Messages);
        Assert.True(Guid.TryParse(response.MessageId, out _));
        Assert.Equal(accepted.MessageId, response.MessageId);
        Assert.Equal("d43159842a6911108856bdc9a0a71621", response.MD5OfMessageBody);
        Assert.Null(response.MD5OfMessageAttributes);
        Assert.Equal(("orders", "{\"orderId\":\"o-1\"}", "test"), (accepted.QueueName, accepted.Body, accepted.SenderId));
    }

    [Fact]
    public async Task SendMessage_WithStringNumberAndBinaryAttributes_ReturnsTheSqsAttributeDigest()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);
        using var signature = new MemoryStream([1, 2, 3, 255]);

        var response = await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "body")
        {
            MessageAttributes = new()
            {
                ["orderId"] = new() { DataType = "String", StringValue = "order-42" },
                ["itemCount"] = new() { DataType = "Number", StringValue = "3" },
                ["signature"] = new() { DataType = "Binary", BinaryValue = signature },
            },
        });

        Assert.Equal(OrderAttributesDigest, response.MD5OfMessageAttributes);
        var attributes = Assert.Single(endpoint.Messages).MessageAttributes;
        Assert.Equal(new SqsAttributeValue("String", "order-42", null), attributes["orderId"]);
        Assert.Equal(new SqsAttributeValue("Number", "3", null), attributes["itemCount"]);
        Assert.Equal([1, 2, 3, 255], attributes["signature"].BinaryValue);
    }

    [Fact]
    public async Task SendMessage_WithTraceHeaderSystemAttribute_SendsItOnTheWireAndReturnsItsDigest()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var response = await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "body")
        {
            MessageSystemAttributes = TraceHeaderAttribute(),
        });

        // The SDK does not check this digest itself, so the expected value is the hand-computed one.
        Assert.Equal(TraceHeaderDigest, response.MD5OfMessageSystemAttributes);
        Assert.Equal(TraceHeader, Assert.Single(endpoint.Messages).AwsTraceHeader);
        using var wire = JsonDocument.Parse(Assert.Single(endpoint.Requests).Body);
        var sent = wire.RootElement.GetProperty("MessageSystemAttributes").GetProperty("AWSTraceHeader");
        Assert.Equal("String", sent.GetProperty("DataType").GetString());
        Assert.Equal(TraceHeader, sent.GetProperty("StringValue").GetString());
    }

    [Fact]
    public async Task Requests_AfterSdkCall_HoldOperationHeadersAndRawBody()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "hello"));

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("SendMessage", request.Operation);
        Assert.Equal("AmazonSQS.SendMessage", request.Header("x-amz-target"));
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=test/", request.Header("Authorization"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(queueUrl, body.RootElement.GetProperty("QueueUrl").GetString());
        Assert.Equal("hello", body.RootElement.GetProperty("MessageBody").GetString());
    }

    [Fact]
    public async Task Requests_WithTraceIdHeader_RecordTheHeaderAsSent()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");

        var answer = await PostAsync(endpoint, "SendMessage", Json(("QueueUrl", queueUrl), ("MessageBody", "hi")),
            ("X-Amzn-Trace-Id", TraceHeader));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(TraceHeader, Assert.Single(endpoint.Requests).Header("x-amzn-trace-id"));
    }

    // "If both headers are set, the message system attribute overrides the HTTP trace header"; the header "corresponds to
    // all messages included in a SendMessage or SendMessageBatch request":
    // https://docs.aws.amazon.com/xray/latest/devguide/xray-services-sqs.html
    [Fact]
    public async Task SendMessage_TraceIdHeaderWithoutTheSystemAttribute_KeepsTheHeaderAsAwsTraceHeader()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var answer = await PostAsync(endpoint, "SendMessage", Json(("QueueUrl", queueUrl), ("MessageBody", "hi")),
            ("X-Amzn-Trace-Id", TraceHeader));
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { MessageSystemAttributeNames = ["AWSTraceHeader"] });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(TraceHeader, Assert.Single(endpoint.Messages).AwsTraceHeader);
        Assert.Equal(TraceHeader, Assert.Single(received.Messages).Attributes["AWSTraceHeader"]);
        // The answer's digests are of what was sent: no system attributes were.
        Assert.False(JsonDocument.Parse(answer.Body).RootElement.TryGetProperty("MD5OfMessageSystemAttributes", out _));
    }

    [Fact]
    public async Task SendMessageBatch_TraceIdHeaderAndOneEntryWithTheSystemAttribute_TheAttributeWinsForThatEntry()
    {
        const string OwnHeader = "Root=1-6b0f9de3-eba7f6bf97d8e1090bb73754;Parent=0123456789abcdef;Sampled=0";
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        var body = """
            {"QueueUrl":"QUEUE","Entries":[
              {"Id":"plain","MessageBody":"first"},
              {"Id":"own","MessageBody":"second","MessageSystemAttributes":{"AWSTraceHeader":{"DataType":"String","StringValue":"OWN"}}}]}
            """.Replace("QUEUE", queueUrl, StringComparison.Ordinal).Replace("OWN", OwnHeader, StringComparison.Ordinal);

        var answer = await PostAsync(endpoint, "SendMessageBatch", body, ("X-Amzn-Trace-Id", TraceHeader));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal([TraceHeader, OwnHeader], endpoint.Messages.Select(message => message.AwsTraceHeader));
    }

    [Fact]
    public async Task SendMessageBatch_WithSdkClient_AcceptsEveryEntryWithItsDigests()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(queueUrl,
        [
            new("first", "body-1"),
            new("second", "body-2")
            {
                MessageAttributes = new() { ["orderId"] = new() { DataType = "String", StringValue = "order-42" } },
                MessageSystemAttributes = TraceHeaderAttribute(),
            },
        ]));

        Assert.Equal(["first", "second"], response.Successful.Select(entry => entry.Id));
        Assert.True(response.Failed is null or { Count: 0 });
        Assert.Equal(["body-1", "body-2"], endpoint.Messages.Select(message => message.Body));
        Assert.Equal(
            endpoint.Messages.Select(message => message.MessageId), response.Successful.Select(entry => entry.MessageId));
        Assert.Equal(TraceHeaderDigest, response.Successful[1].MD5OfMessageSystemAttributes);
        Assert.Equal(TraceHeader, endpoint.Messages[1].AwsTraceHeader);
    }

    [Fact]
    public async Task SendMessageBatch_WithOneInvalidEntry_FailsOnlyThatEntry()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(queueUrl,
            [new("good", "body"), new("bad", "control \u0001 character")]));

        Assert.Equal("good", Assert.Single(response.Successful).Id);
        var failed = Assert.Single(response.Failed);
        Assert.Equal(("bad", "InvalidMessageContents", true), (failed.Id, failed.Code, failed.SenderFault));
        Assert.Equal("body", Assert.Single(endpoint.Messages).Body);
    }

    private static string Json(params (string Name, string Value)[] members) =>
        JsonSerializer.Serialize(members.ToDictionary(member => member.Name, member => member.Value));

    /// <summary>Posts a hand-made AWS JSON 1.0 request, signed with a syntactically plausible Authorization header.</summary>
    private static Task<RawAnswer> PostAsync(
        SqsEndpoint endpoint, string operation, string json, params (string Name, string Value)[] headers) =>
        PostAsync(endpoint, operation, json, signed: true, headers);

    private static async Task<RawAnswer> PostAsync(
        SqsEndpoint endpoint, string operation, string json, bool signed, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ServiceUrl + "/")
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/x-amz-json-1.0")),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("X-Amz-Target", "AmazonSQS." + operation);
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=raw/20261126/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        return new RawAnswer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }

    private sealed record RawAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, string? MediaType, string Body)
    {
        public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
    }
}

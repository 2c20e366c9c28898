using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.SQS;
using CsCheck;
using OrderPipeline.TestHelpers.Sqs;

namespace OrderPipeline.Local.Tests.Fuzz;

// Property test: the local SQS endpoint over generated raw requests. Every answer is a 2xx or an AWS-shaped 4xx, none
// takes longer than the client's timeout, and afterwards the real SDK still sends a message. CsCheck prints the seed
// of a failing case. No WaitTimeSeconds is generated: a long poll is a legitimate wait, not a hang.
public sealed class SqsServiceFuzzTests
{
    private const int Iterations = 300;

    private static readonly string[] Operations =
        ["SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility",
         "ChangeMessageVisibilityBatch", "CreateQueue", "GetQueueUrl", "ListQueues", "GetQueueAttributes", "PurgeQueue",
         "DeleteQueue", "SetQueueAttributes"];

    private static readonly string[] Names =
        ["QueueUrl", "QueueName", "MessageBody", "DelaySeconds", "MessageAttributes", "MessageSystemAttributes", "Entries",
         "Id", "ReceiptHandle", "MaxNumberOfMessages", "VisibilityTimeout", "AttributeNames", "Attributes",
         "MessageAttributeNames", "StringValue", "BinaryValue", "DataType", "QueueNamePrefix", "MaxResults", "x"];

    [Fact]
    public async Task HandleAsync_GeneratedRequests_AnswersAwsShapedAndStaysUsable()
    {
        await using var sqs = await SqsEndpoint.StartAsync();
        var queueUrl = sqs.CreateQueue("orders");
        string[] urls = [queueUrl, sqs.QueueUrl("missing"), "http://elsewhere/000000000000/orders", "", "%"];
        var bodies = Gen.Frequency(
            (3, Gen.Select(Gen.OneOf(urls), FuzzJson.Object(Names), (url, json) => $"{{\"QueueUrl\":\"{url}\",{json[1..]}".Replace(",}", "}", StringComparison.Ordinal))
                .Select(System.Text.Encoding.UTF8.GetBytes)),
            (3, FuzzJson.Body(Names)));
        var targets = Gen.Frequency(
            (8, Gen.OneOf(Operations).Select(operation => (string?)("AmazonSQS." + operation))),
            (1, Gen.OneOf<string?>(null, "", "AmazonSQS.", "AmazonSQS.Nope", "DynamoDB_20120810.PutItem", "AmazonSQS.sendmessage", "AmazonSQS.SendMessage x")));
        var contentTypes = Gen.Frequency((8, Gen.Const("application/x-amz-json-1.0")), (1, Gen.OneOf("application/json", "text/plain")));
        using var http = new HttpClient { BaseAddress = new Uri(sqs.ServiceUrl), Timeout = TimeSpan.FromSeconds(10) };

        await Gen.Select(bodies, targets, contentTypes, Gen.Int[0, 9]).SampleAsync(
            async (body, target, contentType, shape) =>
            {
                var request = new HttpRequestMessage(shape == 0 ? HttpMethod.Put : HttpMethod.Post, shape == 1 ? "/x" : "/")
                {
                    Content = new ByteArrayContent(body),
                };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
                if (shape != 2)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=fuzz/20261126/us-east-1/sqs/aws4_request");
                }

                (await AwsAnswer.SendAsync(http, request)).AssertAwsShaped();
            },
            iter: Iterations,
            threads: 1,
            print: t => $"{t.Item2} {t.Item3} {t.Item4} {System.Text.Encoding.UTF8.GetString(t.Item1)}");

        using var client = new AmazonSQSClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = sqs.ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var sent = await client.SendMessageAsync(queueUrl, "still answering");
        Assert.False(string.IsNullOrEmpty(sent.MessageId));
    }
}

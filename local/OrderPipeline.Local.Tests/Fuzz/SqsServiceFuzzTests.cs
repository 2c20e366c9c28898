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

    // The query protocol: generated form bodies of flattened parameters (indexed, unindexed, malformed indexes, repeated
    // and conflicting names, bad percent escapes). Every answer is a 2xx or a 4xx ErrorResponse document with a Code.
    [Fact]
    public async Task HandleAsync_GeneratedQueryForms_AnswersXmlErrorDocumentsAndStaysUsable()
    {
        await using var sqs = await SqsEndpoint.StartAsync();
        var queueUrl = sqs.CreateQueue("orders");
        string[] actions = [.. Operations, "", "Nope", "sendmessage"];
        string[] names =
            ["QueueUrl", "QueueName", "MessageBody", "DelaySeconds", "MaxNumberOfMessages", "VisibilityTimeout", "ReceiptHandle",
             "AttributeName", "AttributeName.1", "AttributeName.0", "AttributeName.x", "MessageAttributeName.1",
             "Attribute.1.Name", "Attribute.1.Value", "Attribute.2.Name", "MessageAttribute.1.Name",
             "MessageAttribute.1.Value.DataType", "MessageAttribute.1.Value.StringValue", "MessageAttribute.1.Value.BinaryValue",
             "MessageAttribute.1.Value", "MessageSystemAttribute.1.Name", "MessageSystemAttribute.1.Value.StringValue",
             "SendMessageBatchRequestEntry.1.Id", "SendMessageBatchRequestEntry.1.MessageBody", "SendMessageBatchRequestEntry.1",
             "DeleteMessageBatchRequestEntry.2.Id", "DeleteMessageBatchRequestEntry.2.ReceiptHandle",
             "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout", "Tag.1.Key", "MaxResults", "NextToken", "..", "x."];
        string[] values = [queueUrl, "orders", "", "0", "-1", "901", "10", "All", "String", "Number", "Binary", "AQID", "%", "%E0%A4",
            "%00", "%ED%A0%80", "hello+world", "AWSTraceHeader", "1.5"];
        var pairs = Gen.Select(Gen.OneOf(names), Gen.OneOf(values), (name, value) => $"{name}={value}").Array[0, 8];
        var forms = Gen.Select(Gen.OneOf(actions), pairs, (action, rest) => string.Join('&', [$"Action={action}", .. rest]));
        using var http = new HttpClient { BaseAddress = new Uri(sqs.ServiceUrl), Timeout = TimeSpan.FromSeconds(10) };

        await Gen.Select(forms, Gen.Int[0, 5]).SampleAsync(
            async (form, shape) =>
            {
                var request = shape == 0
                    ? new HttpRequestMessage(HttpMethod.Get, "/000000000000/orders?" + form)
                    : new HttpRequestMessage(HttpMethod.Post, shape == 1 ? "/000000000000/orders" : "/")
                    {
                        Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
                    };
                if (shape != 2)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=fuzz/20261202/us-east-1/sqs/aws4_request");
                }

                var answer = await AwsAnswer.SendAsync(http, request);
                var status = (int)answer.Status;
                if (status is >= 200 and < 300)
                {
                    Assert.EndsWith("Response", System.Xml.Linq.XDocument.Parse(answer.Body).Root!.Name.LocalName, StringComparison.Ordinal);
                    return;
                }

                Assert.True(status is >= 400 and < 500, $"{status}: {answer.Body}");
                var error = System.Xml.Linq.XDocument.Parse(answer.Body).Root!;
                Assert.Equal("ErrorResponse", error.Name.LocalName);
                Assert.False(string.IsNullOrEmpty(error.Descendants().Single(element => element.Name.LocalName == "Code").Value), answer.Body);
            },
            iter: Iterations,
            threads: 1,
            print: t => $"{t.Item2} {t.Item1}");

        using var client = new AmazonSQSClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = sqs.ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        Assert.False(string.IsNullOrEmpty((await client.SendMessageAsync(queueUrl, "still answering")).MessageId));
    }
}

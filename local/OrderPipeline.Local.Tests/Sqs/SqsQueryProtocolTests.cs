using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Time;
using SqsEndpoint = OrderPipeline.TestHelpers.Sqs.SqsEndpoint;

namespace OrderPipeline.Local.Tests.Sqs;

// The query protocol's exact bytes: form-encoded requests as botocore's query serializer and the AWS SDK for JavaScript
// v2 write them, XML answers in SQS's namespace. Shapes: the SQS API reference's XML examples
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html and its siblings,
// "Examples" sections) and the query model's flattened names (botocore's sqs/2012-11-05/service-2.json before
// November 2023, as Debian's awscli 2.9.19 ships it). Error codes are the model's awsQueryError codes.
public sealed class SqsQueryProtocolTests : IAsyncLifetime
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    private const string Xmlns = "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Start);
    private SqsEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await SqsEndpoint.StartAsync(SqsServiceSettings.Default, _clock);

    public Task DisposeAsync() => _endpoint.DisposeAsync().AsTask();

    [Fact]
    public async Task SendMessage_FormPost_AnswersTheSendMessageResponseWithTheDigests()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        var answer = await QueryAsync(
            $"Action=SendMessage&Version=2012-11-05&QueueUrl={Uri.EscapeDataString(queueUrl)}&MessageBody=hello"
            + "&MessageAttribute.1.Name=orderId&MessageAttribute.1.Value.DataType=String"
            + "&MessageAttribute.1.Value.StringValue=o-42");

        var message = Assert.Single(_endpoint.Messages);
        Assert.Equal((HttpStatusCode.OK, "text/xml"), (answer.Status, answer.MediaType));
        Assert.Equal(
            Declaration + $"<SendMessageResponse {Xmlns}><SendMessageResult><MessageId>{message.MessageId}</MessageId>"
            + "<MD5OfMessageBody>5d41402abc4b2a76b9719d911017c592</MD5OfMessageBody>"
            + $"<MD5OfMessageAttributes>{SqsMessageDigest.OfAttributes(message.MessageAttributes)}</MD5OfMessageAttributes>"
            + $"</SendMessageResult><ResponseMetadata><RequestId>{answer.RequestId}</RequestId></ResponseMetadata>"
            + "</SendMessageResponse>",
            answer.Body);
        Assert.Equal(("hello", "o-42"), (message.Body, message.MessageAttributes["orderId"].StringValue));
        Assert.Equal("SendMessage", _endpoint.Requests[^1].Operation);
    }

    [Fact]
    public async Task SendMessage_SystemAttributeAndBinaryAttribute_AreReadFromTheirFlattenedNames()
    {
        var queueUrl = _endpoint.CreateQueue("orders");
        const string TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

        var answer = await QueryAsync(
            $"Action=SendMessage&QueueUrl={Uri.EscapeDataString(queueUrl)}&MessageBody=b&DelaySeconds=0"
            + "&MessageAttribute.1.Name=blob&MessageAttribute.1.Value.DataType=Binary&MessageAttribute.1.Value.BinaryValue=AQID"
            + "&MessageSystemAttribute.1.Name=AWSTraceHeader&MessageSystemAttribute.1.Value.DataType=String"
            + $"&MessageSystemAttribute.1.Value.StringValue={Uri.EscapeDataString(TraceHeader)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var message = Assert.Single(_endpoint.Messages);
        Assert.Equal([1, 2, 3], message.MessageAttributes["blob"].BinaryValue);
        Assert.Equal(TraceHeader, message.AwsTraceHeader);
        Assert.Equal(
            SqsMessageDigest.OfAttributes(message.MessageSystemAttributes),
            Result(answer).Element(Sqs("MD5OfMessageSystemAttributes"))!.Value);
    }

    [Fact]
    public async Task ReceiveMessage_FormPost_AnswersMessagesWithFlattenedAttributesAndMessageAttributes()
    {
        var queueUrl = _endpoint.CreateQueue("orders");
        await QueryAsync($"Action=SendMessage&QueueUrl={Uri.EscapeDataString(queueUrl)}&MessageBody=line%0D%0Anext"
            + "&MessageAttribute.1.Name=n&MessageAttribute.1.Value.DataType=Number&MessageAttribute.1.Value.StringValue=7");
        _clock.Now = Start.AddSeconds(2);

        var answer = await QueryAsync($"Action=ReceiveMessage&QueueUrl={Uri.EscapeDataString(queueUrl)}"
            + "&AttributeName.1=SentTimestamp&AttributeName.2=ApproximateReceiveCount&MessageAttributeName.1=All");

        var message = Assert.Single(_endpoint.Messages);
        var receiptHandle = Result(answer).Element(Sqs("Message"))!.Element(Sqs("ReceiptHandle"))!.Value;
        Assert.Equal(
            Declaration + $"<ReceiveMessageResponse {Xmlns}><ReceiveMessageResult><Message>"
            + $"<MessageId>{message.MessageId}</MessageId><ReceiptHandle>{receiptHandle}</ReceiptHandle>"
            + $"<MD5OfBody>{SqsMessageDigest.OfBody("line\r\nnext")}</MD5OfBody><Body>line&#xD;\nnext</Body>"
            + $"<Attribute><Name>SentTimestamp</Name><Value>{Start.ToUnixTimeMilliseconds()}</Value></Attribute>"
            + "<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>"
            + $"<MD5OfMessageAttributes>{SqsMessageDigest.OfAttributes(message.MessageAttributes)}</MD5OfMessageAttributes>"
            + "<MessageAttribute><Name>n</Name><Value><DataType>Number</DataType><StringValue>7</StringValue></Value></MessageAttribute>"
            + $"</Message></ReceiveMessageResult><ResponseMetadata><RequestId>{answer.RequestId}</RequestId></ResponseMetadata>"
            + "</ReceiveMessageResponse>",
            answer.Body);
        Assert.Equal("line\r\nnext", Result(answer).Element(Sqs("Message"))!.Element(Sqs("Body"))!.Value);
    }

    [Fact]
    public async Task ReceiveMessage_EmptyQueue_AnswersAnEmptyResult()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        var answer = await QueryAsync($"Action=ReceiveMessage&QueueUrl={Uri.EscapeDataString(queueUrl)}");

        Assert.Equal(
            Declaration + $"<ReceiveMessageResponse {Xmlns}><ReceiveMessageResult />"
            + $"<ResponseMetadata><RequestId>{answer.RequestId}</RequestId></ResponseMetadata></ReceiveMessageResponse>",
            answer.Body);
    }

    [Fact]
    public async Task DeleteMessageAndChangeMessageVisibility_AnswerTheResponseMetadataAlone()
    {
        var queueUrl = Uri.EscapeDataString(_endpoint.CreateQueue("orders"));
        await QueryAsync($"Action=SendMessage&QueueUrl={queueUrl}&MessageBody=one");
        var received = await QueryAsync($"Action=ReceiveMessage&QueueUrl={queueUrl}");
        var handle = Uri.EscapeDataString(Result(received).Element(Sqs("Message"))!.Element(Sqs("ReceiptHandle"))!.Value);

        var changed = await QueryAsync($"Action=ChangeMessageVisibility&QueueUrl={queueUrl}&ReceiptHandle={handle}&VisibilityTimeout=0");
        var deleted = await QueryAsync($"Action=DeleteMessage&QueueUrl={queueUrl}&ReceiptHandle={handle}");
        var purged = await QueryAsync($"Action=PurgeQueue&QueueUrl={queueUrl}");

        foreach (var (answer, action) in new[] { (changed, "ChangeMessageVisibility"), (deleted, "DeleteMessage"), (purged, "PurgeQueue") })
        {
            Assert.Equal(
                Declaration + $"<{action}Response {Xmlns}><ResponseMetadata><RequestId>{answer.RequestId}</RequestId>"
                + $"</ResponseMetadata></{action}Response>",
                answer.Body);
        }

        var again = await QueryAsync($"Action=ReceiveMessage&QueueUrl={queueUrl}");
        Assert.Null(Result(again).Element(Sqs("Message")));
    }

    [Fact]
    public async Task CreateQueueGetQueueUrlAndListQueues_AnswerQueueUrls()
    {
        var created = await QueryAsync(
            "Action=CreateQueue&QueueName=invoices&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=45");
        var found = await QueryAsync("Action=GetQueueUrl&QueueName=invoices");
        await QueryAsync("Action=CreateQueue&QueueName=orders");
        var listed = await QueryAsync("Action=ListQueues&QueueNamePrefix=in");
        var all = await QueryAsync("Action=ListQueues");

        var url = _endpoint.QueueUrl("invoices");
        Assert.Equal(
            Declaration + $"<CreateQueueResponse {Xmlns}><CreateQueueResult><QueueUrl>{url}</QueueUrl></CreateQueueResult>"
            + $"<ResponseMetadata><RequestId>{created.RequestId}</RequestId></ResponseMetadata></CreateQueueResponse>",
            created.Body);
        Assert.Equal(url, Result(found).Element(Sqs("QueueUrl"))!.Value);
        Assert.Equal(
            Declaration + $"<ListQueuesResponse {Xmlns}><ListQueuesResult><QueueUrl>{url}</QueueUrl></ListQueuesResult>"
            + $"<ResponseMetadata><RequestId>{listed.RequestId}</RequestId></ResponseMetadata></ListQueuesResponse>",
            listed.Body);
        Assert.Equal([url, _endpoint.QueueUrl("orders")], Result(all).Elements(Sqs("QueueUrl")).Select(element => element.Value));
    }

    [Fact]
    public async Task GetQueueAttributes_AttributeNames_AnswersFlattenedAttributes()
    {
        var queueUrl = _endpoint.CreateQueue("orders", TimeSpan.FromSeconds(45));

        var answer = await QueryAsync($"Action=GetQueueAttributes&QueueUrl={Uri.EscapeDataString(queueUrl)}"
            + "&AttributeName.1=VisibilityTimeout&AttributeName.2=QueueArn");

        Assert.Equal(
            Declaration + $"<GetQueueAttributesResponse {Xmlns}><GetQueueAttributesResult>"
            + "<Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:us-east-1:000000000000:orders</Value></Attribute>"
            + "<Attribute><Name>VisibilityTimeout</Name><Value>45</Value></Attribute>"
            + $"</GetQueueAttributesResult><ResponseMetadata><RequestId>{answer.RequestId}</RequestId></ResponseMetadata>"
            + "</GetQueueAttributesResponse>",
            answer.Body);
    }

    [Fact]
    public async Task SendMessageBatch_OneBadEntry_AnswersResultEntriesAndABatchResultErrorEntry()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        var answer = await QueryAsync($"Action=SendMessageBatch&QueueUrl={Uri.EscapeDataString(queueUrl)}"
            + "&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=hello"
            + "&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=x&SendMessageBatchRequestEntry.2.DelaySeconds=901");

        var message = Assert.Single(_endpoint.Messages);
        Assert.Equal(
            Declaration + $"<SendMessageBatchResponse {Xmlns}><SendMessageBatchResult>"
            + $"<SendMessageBatchResultEntry><Id>a</Id><MessageId>{message.MessageId}</MessageId>"
            + "<MD5OfMessageBody>5d41402abc4b2a76b9719d911017c592</MD5OfMessageBody></SendMessageBatchResultEntry>"
            + "<BatchResultErrorEntry><Id>b</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code>"
            + "<Message>Value 901 for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.</Message>"
            + $"</BatchResultErrorEntry></SendMessageBatchResult><ResponseMetadata><RequestId>{answer.RequestId}</RequestId>"
            + "</ResponseMetadata></SendMessageBatchResponse>",
            answer.Body);
    }

    [Fact]
    public async Task DeleteAndChangeVisibilityBatches_AnswerTheirResultEntryNames()
    {
        var queueUrl = Uri.EscapeDataString(_endpoint.CreateQueue("orders"));
        await QueryAsync($"Action=SendMessage&QueueUrl={queueUrl}&MessageBody=one");
        var received = await QueryAsync($"Action=ReceiveMessage&QueueUrl={queueUrl}");
        var handle = Uri.EscapeDataString(Result(received).Element(Sqs("Message"))!.Element(Sqs("ReceiptHandle"))!.Value);

        var changed = await QueryAsync($"Action=ChangeMessageVisibilityBatch&QueueUrl={queueUrl}"
            + $"&ChangeMessageVisibilityBatchRequestEntry.1.Id=c&ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle={handle}"
            + "&ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout=60");
        var deleted = await QueryAsync($"Action=DeleteMessageBatch&QueueUrl={queueUrl}"
            + $"&DeleteMessageBatchRequestEntry.1.Id=d&DeleteMessageBatchRequestEntry.1.ReceiptHandle={handle}"
            + "&DeleteMessageBatchRequestEntry.2.Id=e&DeleteMessageBatchRequestEntry.2.ReceiptHandle=nope");

        Assert.Equal(
            Declaration + $"<ChangeMessageVisibilityBatchResponse {Xmlns}><ChangeMessageVisibilityBatchResult>"
            + "<ChangeMessageVisibilityBatchResultEntry><Id>c</Id></ChangeMessageVisibilityBatchResultEntry>"
            + $"</ChangeMessageVisibilityBatchResult><ResponseMetadata><RequestId>{changed.RequestId}</RequestId>"
            + "</ResponseMetadata></ChangeMessageVisibilityBatchResponse>",
            changed.Body);
        Assert.Equal(
            Declaration + $"<DeleteMessageBatchResponse {Xmlns}><DeleteMessageBatchResult>"
            + "<DeleteMessageBatchResultEntry><Id>d</Id></DeleteMessageBatchResultEntry>"
            + "<BatchResultErrorEntry><Id>e</Id><SenderFault>true</SenderFault><Code>ReceiptHandleIsInvalid</Code>"
            + "<Message>The input receipt handle \"nope\" is not a valid receipt handle.</Message></BatchResultErrorEntry>"
            + $"</DeleteMessageBatchResult><ResponseMetadata><RequestId>{deleted.RequestId}</RequestId>"
            + "</ResponseMetadata></DeleteMessageBatchResponse>",
            deleted.Body);
    }

    [Fact]
    public async Task UnknownQueue_AnswersTheErrorResponseWithTheQueryErrorCode()
    {
        var answer = await QueryAsync(
            $"Action=SendMessage&QueueUrl={Uri.EscapeDataString(_endpoint.QueueUrl("missing"))}&MessageBody=x");

        Assert.Equal((HttpStatusCode.BadRequest, "text/xml"), (answer.Status, answer.MediaType));
        Assert.Equal(
            Declaration + $"<ErrorResponse {Xmlns}><Error><Type>Sender</Type>"
            + "<Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message>"
            + $"<Detail /></Error><RequestId>{answer.RequestId}</RequestId></ErrorResponse>",
            answer.Body);
        Assert.Empty(_endpoint.Messages);
    }

    [Theory]
    [InlineData("Version=2012-11-05", HttpStatusCode.BadRequest, "MissingAction")]
    [InlineData("Action=DeleteQueue&QueueUrl=x", HttpStatusCode.BadRequest, "InvalidAction")]
    [InlineData("Action=GetQueueUrl", HttpStatusCode.BadRequest, "MissingParameter")]
    [InlineData("Action=CreateQueue&QueueName=q&Attribute.1.Name=Nope&Attribute.1.Value=1", HttpStatusCode.BadRequest, "InvalidAttributeName")]
    [InlineData("Action=CreateQueue&QueueName=q&Attribute.1.Value=1", HttpStatusCode.BadRequest, "MissingParameter")]
    [InlineData("Action=ReceiveMessage&QueueUrl=x&AttributeName.zero=All", HttpStatusCode.BadRequest, "InvalidParameterValue")]
    [InlineData("Action=ReceiveMessage&QueueUrl=x&MaxNumberOfMessages=ten", HttpStatusCode.BadRequest, "InvalidParameterValue")]
    [InlineData("Action=DeleteMessageBatch&QueueUrl=x", HttpStatusCode.BadRequest, "AWS.SimpleQueueService.NonExistentQueue")]
    public async Task BadRequest_AnswersTheQueryErrorCode(string form, HttpStatusCode status, string code)
    {
        _endpoint.CreateQueue("q");

        var answer = await QueryAsync(form);

        Assert.Equal(status, answer.Status);
        var error = XDocument.Parse(answer.Body).Root!.Element(Sqs("Error"))!;
        Assert.Equal(("Sender", code), (error.Element(Sqs("Type"))!.Value, error.Element(Sqs("Code"))!.Value));
    }

    [Fact]
    public async Task EmptyBatch_AnswersEmptyBatchRequest()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        var answer = await QueryAsync($"Action=DeleteMessageBatch&QueueUrl={Uri.EscapeDataString(queueUrl)}");

        Assert.Equal("AWS.SimpleQueueService.EmptyBatchRequest", ErrorCode(answer));
    }

    [Fact]
    public async Task Unsigned_AnswersMissingAuthenticationTokenWith403()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        var answer = await QueryAsync($"Action=SendMessage&QueueUrl={Uri.EscapeDataString(queueUrl)}&MessageBody=x", signed: false);

        Assert.Equal((HttpStatusCode.Forbidden, "MissingAuthenticationToken"), (answer.Status, ErrorCode(answer)));
        Assert.Empty(_endpoint.Messages);
    }

    [Fact]
    public async Task InjectedFault_AnswersAReceiverErrorWithItsStatus()
    {
        var queueUrl = _endpoint.CreateQueue("orders");
        _endpoint.FailNext("SendMessage", 1, SqsError.InternalError());

        var answer = await QueryAsync($"Action=SendMessage&QueueUrl={Uri.EscapeDataString(queueUrl)}&MessageBody=x");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        var error = XDocument.Parse(answer.Body).Root!.Element(Sqs("Error"))!;
        Assert.Equal(("Receiver", "InternalError"), (error.Element(Sqs("Type"))!.Value, error.Element(Sqs("Code"))!.Value));
    }

    [Fact]
    public async Task Get_WithTheQueueUrlAsPathAndAnUnindexedAttributeName_IsServed()
    {
        var queueUrl = _endpoint.CreateQueue("orders");
        await QueryAsync($"Action=SendMessage&QueueUrl={Uri.EscapeDataString(queueUrl)}&MessageBody=one");

        var answer = await QueryAsync("Action=ReceiveMessage&Version=2012-11-05&AttributeName=ApproximateReceiveCount",
            path: "/000000000000/orders", method: HttpMethod.Get);

        var message = Result(answer).Element(Sqs("Message"))!;
        Assert.Equal("one", message.Element(Sqs("Body"))!.Value);
        Assert.Equal("ApproximateReceiveCount", Assert.Single(message.Elements(Sqs("Attribute"))).Element(Sqs("Name"))!.Value);
    }

    [Fact]
    public async Task Get_PresignedWithXAmzCredential_IsServedWithTheKeyAsSenderIdAndTheSignatureUnchecked()
    {
        var queueUrl = _endpoint.CreateQueue("orders");

        var answer = await QueryAsync(
            $"Action=SendMessage&QueueUrl={Uri.EscapeDataString(queueUrl)}&MessageBody=one&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=PRESIGNED%2F20261202%2Fus-east-1%2Fsqs%2Faws4_request&X-Amz-Signature=00",
            method: HttpMethod.Get, signed: false);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("PRESIGNED", Assert.Single(_endpoint.Messages).SenderId);
    }

    [Fact]
    public async Task Post_ToTheQueueUrlWithoutAQueueUrlParameter_UsesThePathAsTheQueue()
    {
        _endpoint.CreateQueue("orders");

        var answer = await QueryAsync("Action=SendMessage&MessageBody=one", path: "/000000000000/orders");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("orders", Assert.Single(_endpoint.Messages).QueueName);
    }

    [Fact]
    public async Task JsonRequest_IsStillAnsweredInJson()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.ServiceUrl + "/")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "AmazonSQS.ListQueues");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=raw/20261202/us-east-1/sqs/aws4_request");

        using var response = await http.SendAsync(request);

        Assert.Equal("{\"QueueUrls\":[]}", await response.Content.ReadAsStringAsync());
    }

    private static XName Sqs(string name) => XName.Get(name, "http://queue.amazonaws.com/doc/2012-11-05/");

    private static XElement Result(QueryAnswer answer) => XDocument.Parse(answer.Body).Root!.Elements().First();

    private static string ErrorCode(QueryAnswer answer) =>
        XDocument.Parse(answer.Body).Root!.Element(Sqs("Error"))!.Element(Sqs("Code"))!.Value;

    /// <summary>Sends <paramref name="form"/> as a form body (POST) or query string (GET), signed like botocore's header.</summary>
    private async Task<QueryAnswer> QueryAsync(string form, string path = "/", HttpMethod? method = null, bool signed = true)
    {
        using var http = new HttpClient();
        var get = method == HttpMethod.Get;
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, _endpoint.ServiceUrl + path + (get ? "?" + form : string.Empty));
        if (!get)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(form));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        }

        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=query/20261202/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00");
        }

        using var response = await http.SendAsync(request);
        return new QueryAnswer(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            string.Join(",", response.Headers.GetValues("x-amzn-RequestId")),
            await response.Content.ReadAsStringAsync());
    }

    private sealed record QueryAnswer(HttpStatusCode Status, string? MediaType, string RequestId, string Body);
}

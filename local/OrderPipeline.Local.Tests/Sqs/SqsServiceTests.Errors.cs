using System.Net;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Sqs;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed partial class SqsServiceTests
{
    [Fact]
    public async Task SendMessage_ToUnknownQueue_ThrowsQueueDoesNotExistException()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        using var sqs = Client(endpoint);

        var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(
            () => sqs.SendMessageAsync(endpoint.QueueUrl("missing"), "body"));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Empty(endpoint.Messages);
    }

    [Fact]
    public async Task GetQueueUrl_ForUnknownQueue_ThrowsQueueDoesNotExistException()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        using var sqs = Client(endpoint);

        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => sqs.GetQueueUrlAsync("missing"));
    }

    [Fact]
    public async Task ErrorAnswer_ForUnknownQueue_HasTheSqsJsonShapeAndHeaders()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();

        var answer = await PostAsync(endpoint, "SendMessage",
            Json(("QueueUrl", endpoint.QueueUrl("missing")), ("MessageBody", "body")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/x-amz-json-1.0", answer.MediaType);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue;Sender", answer.Header("x-amzn-query-error"));
        Assert.True(Guid.TryParse(answer.Header("x-amzn-RequestId"), out _));
        Assert.Equal(
            "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue does not exist.\"}",
            answer.Body);
    }

    [Fact]
    public async Task SendMessage_WithoutAuthorization_IsRefusedAsUnauthenticated()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");

        var answer = await PostAsync(endpoint, "SendMessage", Json(("QueueUrl", queueUrl), ("MessageBody", "body")),
            signed: false);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        using var body = JsonDocument.Parse(answer.Body);
        Assert.Equal("com.amazon.coral.service#MissingAuthenticationTokenException",
            body.RootElement.GetProperty("__type").GetString());
        Assert.Empty(endpoint.Messages);
        Assert.Equal("SendMessage", Assert.Single(endpoint.Requests).Operation);
    }

    [Fact]
    public async Task SendMessage_WithoutMessageBody_AnswersMissingParameter()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");

        var answer = await PostAsync(endpoint, "SendMessage", Json(("QueueUrl", queueUrl)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("MissingParameter;Sender", answer.Header("x-amzn-query-error"));
        Assert.Contains("\"__type\":\"com.amazonaws.sqs#MissingParameter\"", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_OfMaximumSize_IsAcceptedAndOneByteMoreIsRefused()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        await sqs.SendMessageAsync(queueUrl, new string('a', 1_048_576));
        var error = await Assert.ThrowsAsync<AmazonSQSException>(
            () => sqs.SendMessageAsync(queueUrl, new string('a', 1_048_577)));

        Assert.Equal(("InvalidParameterValue", HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
        Assert.Equal(1_048_576, Assert.Single(endpoint.Messages).Body.Length);
    }

    [Fact]
    public async Task SendMessage_WithNonNumericNumberAttribute_ThrowsInvalidParameterValue()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);

        var error = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(
            new SendMessageRequest(queueUrl, "body")
            {
                MessageAttributes = new() { ["itemCount"] = new() { DataType = "Number", StringValue = "three" } },
            }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Empty(endpoint.Messages);
    }

    [Fact]
    public async Task SendMessage_WhenInternalErrorIsInjected_FailsAfterEveryRetry()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint, maxErrorRetry: 2);
        endpoint.FailNext("SendMessage", 10, SqsError.InternalError());

        var error = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(queueUrl, "body"));

        Assert.Equal((HttpStatusCode.InternalServerError, "InternalError"), (error.StatusCode, error.ErrorCode));
        Assert.Equal(1 + 2, endpoint.Requests.Count(request => request.Operation == "SendMessage"));
        Assert.Empty(endpoint.Messages);
    }

    [Fact]
    public async Task SendMessage_WhenThrottledOnce_RetriesAndSucceeds()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint, maxErrorRetry: 2);
        endpoint.FailNext("SendMessage", 1, SqsError.RequestThrottled());

        var response = await sqs.SendMessageAsync(queueUrl, "body");

        Assert.Equal(2, endpoint.Requests.Count);
        Assert.Equal(response.MessageId, Assert.Single(endpoint.Messages).MessageId);
    }

    [Fact]
    public async Task FailAll_UntilReset_FailsEveryOperation()
    {
        await using var endpoint = await SqsEndpoint.StartAsync();
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);
        endpoint.FailAll(SqsError.ServiceUnavailable());

        var sendError = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(queueUrl, "body"));
        var lookupError = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.GetQueueUrlAsync("orders"));
        endpoint.ResetFaults();
        var lookup = await sqs.GetQueueUrlAsync("orders");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, sendError.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, lookupError.StatusCode);
        Assert.Equal(queueUrl, lookup.QueueUrl);
    }
}

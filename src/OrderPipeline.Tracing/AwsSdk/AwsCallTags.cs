using System.Diagnostics;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS.Model;

namespace OrderPipeline.Tracing.AwsSdk;

/// <summary>Reads the <see cref="TraceTags"/> of an AWS call from the SDK's request and response objects.</summary>
internal static class AwsCallTags
{
    private const string RequestSuffix = "Request";
    private const string UnknownService = "AWS";
    private const string SqsService = "SQS";
    private const string DynamoDbService = "DynamoDB";

    /// <summary>The service's short name as the SDK knows it (<c>SQS</c>, <c>DynamoDB</c>).</summary>
    public static string ServiceName(IRequestContext requestContext) =>
        NonEmpty(requestContext.ServiceMetaData?.ServiceId)
        ?? NonEmpty(requestContext.ClientConfig?.ServiceId)
        ?? UnknownService;

    /// <summary>The operation from the SDK's request name: <c>SendMessageRequest</c> becomes <c>SendMessage</c>.</summary>
    public static string? OperationName(IRequestContext requestContext) =>
        NonEmpty(requestContext.RequestName) is { } name && name.EndsWith(RequestSuffix, StringComparison.Ordinal)
            ? name[..^RequestSuffix.Length]
            : NonEmpty(requestContext.RequestName);

    public static void SetRequestTags(Activity activity, IRequestContext requestContext, string service)
    {
        activity.SetTag(TraceTags.RpcSystem, TraceTags.AwsApiSystem);
        activity.SetTag(TraceTags.RpcService, service);
        activity.SetTag(TraceTags.RpcMethod, OperationName(requestContext));
        activity.SetTag(TraceTags.CloudRegion, Region(requestContext.ClientConfig));
        switch (service)
        {
            case SqsService:
                activity.SetTag(TraceTags.AwsQueueUrl, QueueUrl(requestContext.OriginalRequest));
                break;
            case DynamoDbService:
                activity.SetTag(TraceTags.AwsTableName, TableName(requestContext.OriginalRequest));
                break;
        }
    }

    public static void SetResponseTags(Activity activity, IExecutionContext executionContext)
    {
        var responseContext = executionContext.ResponseContext;
        var response = responseContext.Response;
        activity.SetTag(TraceTags.AwsRequestId, NonEmpty(response?.ResponseMetadata?.RequestId));
        if (responseContext.HttpResponse is { } http)
        {
            activity.SetTag(TraceTags.HttpStatusCode, (int)http.StatusCode);
        }
        else if (response is not null)
        {
            activity.SetTag(TraceTags.HttpStatusCode, (int)response.HttpStatusCode);
        }

        if (response is not null && ServiceName(executionContext.RequestContext) == SqsService)
        {
            activity.SetTag(TraceTags.MessageId, MessageId(response));
        }
    }

    /// <summary>
    /// A service error carries its HTTP status, request id and error code (<see cref="TraceTags.ErrorType"/>). An error
    /// code the caller expects (<see cref="ExpectedErrorCodes"/>) makes the outcome <see cref="TraceTags.OutcomeExpected"/>
    /// and nothing more; a throttling one makes it <see cref="TraceTags.OutcomeThrottle"/>. Every failure but an expected
    /// one becomes an exception event and an error status.
    /// </summary>
    public static void SetErrorTags(Activity activity, Exception exception, AmazonWebServiceRequest? request)
    {
        if (exception is AmazonServiceException serviceError)
        {
            if (serviceError.StatusCode != 0)
            {
                activity.SetTag(TraceTags.HttpStatusCode, (int)serviceError.StatusCode);
            }

            activity.SetTag(TraceTags.AwsRequestId, NonEmpty(serviceError.RequestId));
            var errorCode = NonEmpty(serviceError.ErrorCode);
            activity.SetTag(TraceTags.ErrorType, errorCode);
            if (ExpectedErrorCodes.Contains(request, errorCode))
            {
                activity.SetTag(TraceTags.Outcome, TraceTags.OutcomeExpected);
                return;
            }

            if (ThrottlingErrorCodes.IsThrottling(serviceError))
            {
                activity.SetTag(TraceTags.Outcome, TraceTags.OutcomeThrottle);
            }
        }

        activity.AddException(exception);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    private static string? Region(IClientConfig? config) =>
        NonEmpty(config?.RegionEndpoint?.SystemName) ?? NonEmpty(config?.AuthenticationRegion);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? MessageId(AmazonWebServiceResponse response) =>
        response is SendMessageResponse sent ? NonEmpty(sent.MessageId) : null;

    // Each service's request types are tested in a method of their own, only called for that service, so a process
    // never loads the SDK assembly of a service it does not call (NoInlining keeps the type tests apart).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? QueueUrl(AmazonWebServiceRequest? request) => request switch
    {
        SendMessageRequest r => r.QueueUrl,
        SendMessageBatchRequest r => r.QueueUrl,
        ReceiveMessageRequest r => r.QueueUrl,
        DeleteMessageRequest r => r.QueueUrl,
        DeleteMessageBatchRequest r => r.QueueUrl,
        ChangeMessageVisibilityRequest r => r.QueueUrl,
        ChangeMessageVisibilityBatchRequest r => r.QueueUrl,
        GetQueueAttributesRequest r => r.QueueUrl,
        SetQueueAttributesRequest r => r.QueueUrl,
        PurgeQueueRequest r => r.QueueUrl,
        DeleteQueueRequest r => r.QueueUrl,
        _ => null,
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? TableName(AmazonWebServiceRequest? request) => request switch
    {
        PutItemRequest r => r.TableName,
        GetItemRequest r => r.TableName,
        UpdateItemRequest r => r.TableName,
        DeleteItemRequest r => r.TableName,
        QueryRequest r => r.TableName,
        ScanRequest r => r.TableName,
        DescribeTableRequest r => r.TableName,
        _ => null,
    };

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

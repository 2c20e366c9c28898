using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.Contracts;
using OrderPipeline.Contracts.Json;
using OrderPipeline.Tracing.AwsSdk;

namespace OrderPipeline.Consumer;

/// <summary>
/// Keeps processed orders in a DynamoDB table keyed by <c>orderId</c>, with one conditional <c>PutItem</c> per order:
/// <c>attribute_not_exists(orderId)</c> makes the write happen once, so SQS's at-least-once delivery and a client's
/// retry end in exactly one stored order. A failed condition is the answer "already stored", not an error; the item it
/// returns (<c>ReturnValuesOnConditionCheckFailure ALL_OLD</c>, no extra read) tells by its <c>orderDigest</c>, a
/// SHA-256 of the order's JSON (<see cref="OrderRequest.Digest"/>; not of the message: its acceptedAt differs between
/// a request and its retry), whether the stored order is this one or another that reused its Idempotency-Key.
/// </summary>
internal sealed class DynamoDbOrderStore(IAmazonDynamoDB dynamoDb, string tableName) : IOrderStore
{
    internal const string OrderIdAttribute = "orderId";
    internal const string CustomerIdAttribute = "customerId";
    internal const string CurrencyAttribute = "currency";
    internal const string TotalAttribute = "total";
    internal const string ItemCountAttribute = "itemCount";
    internal const string AcceptedAtAttribute = "acceptedAt";
    internal const string ProcessedAtAttribute = "processedAt";
    internal const string MessageIdAttribute = "messageId";
    internal const string OrderDigestAttribute = "orderDigest";
    internal const string OnlyIfAbsent = "attribute_not_exists(" + OrderIdAttribute + ")";

    /// <summary>
    /// Retries after the first attempt. The DynamoDB client's own default (10, with back-off) can spend a whole
    /// invocation on one record, leaving the rest of the batch unprocessed; a record that still fails after 3 attempts
    /// is better handed back to SQS, which retries it after the visibility timeout.
    /// </summary>
    internal const int MaxErrorRetry = 2;

    /// <summary>
    /// Each attempt ends after at most this (PutItem takes single-digit milliseconds inside a region), so one record
    /// costs at most 3 × 1 s plus the standard retry mode's back-off (about 3 s at most for two retries): a store that
    /// hangs delays the batch by seconds, and the handler hands the records it has not reached back to SQS before the
    /// invocation's deadline (30 s) instead of timing out the whole batch.
    /// </summary>
    internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The client of the process: region, credentials and endpoint from the SDK's own resolution
    /// (<c>AWS_ENDPOINT_URL_DYNAMODB</c> points it at a local endpoint), attempts bounded by <see cref="MaxErrorRetry"/>
    /// and <see cref="AttemptTimeout"/>.
    /// </summary>
    public static AmazonDynamoDBClient CreateClient() =>
        new(new AmazonDynamoDBConfig { MaxErrorRetry = MaxErrorRetry, Timeout = AttemptTimeout });

    public async Task<StoreOutcome> TryAddAsync(
        OrderMessage message, string messageId, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var digest = message.Order.Digest();
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = Item(message, messageId, processedAt, digest),
            ConditionExpression = OnlyIfAbsent,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };

        // The failed condition is this write's "already stored" answer: its subsegment shows no error, only the code.
        AwsSdkTracing.ExpectErrorCode(request, nameof(ConditionalCheckFailedException));
        try
        {
            await dynamoDb.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return StoreOutcome.Stored;
        }
        catch (ConditionalCheckFailedException stored)
        {
            return stored.Item is { } item && item.TryGetValue(OrderDigestAttribute, out var storedDigest) && storedDigest.S != digest
                ? StoreOutcome.ConflictingOrder
                : StoreOutcome.AlreadyStored;
        }
    }

    internal static Dictionary<string, AttributeValue> Item(OrderMessage message, string messageId, DateTimeOffset processedAt, string digest)
    {
        var order = message.Order;
        return new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [OrderIdAttribute] = new() { S = message.OrderId.ToString() },
            [CustomerIdAttribute] = new() { S = order.CustomerId },
            [CurrencyAttribute] = new() { S = order.Currency },
            [TotalAttribute] = new() { N = order.Total.ToString(CultureInfo.InvariantCulture) },
            [ItemCountAttribute] = new() { N = order.Items.Count.ToString(CultureInfo.InvariantCulture) },
            [AcceptedAtAttribute] = new() { S = UtcTimestamp.ToText(message.AcceptedAt) },
            [ProcessedAtAttribute] = new() { S = UtcTimestamp.ToText(processedAt) },
            [MessageIdAttribute] = new() { S = messageId },
            [OrderDigestAttribute] = new() { S = digest },
        };
    }
}

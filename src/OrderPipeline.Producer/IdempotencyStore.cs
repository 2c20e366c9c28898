using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.Contracts;

namespace OrderPipeline.Producer;

/// <summary>What claiming an Idempotency-Key found.</summary>
internal enum ClaimOutcome
{
    /// <summary>The key is this request's now: send the order, then complete or give the key up.</summary>
    Claimed,

    /// <summary>The same order was accepted under the key before: answer as then, send nothing.</summary>
    Completed,

    /// <summary>A request with the same key and order is being processed now: answer 409, send nothing.</summary>
    InProgress,

    /// <summary>The key was used with a different order: answer 422, send nothing.</summary>
    DifferentOrder,
}

/// <summary>A claim's outcome and, for a key in progress, when the lock of the request holding it ends.</summary>
internal readonly record struct IdempotencyClaim(ClaimOutcome Outcome, DateTimeOffset LockedUntil);

/// <summary>What the store keeps of one request under an Idempotency-Key.</summary>
/// <param name="Id">The record's key: the customer id, <c>#</c>, the Idempotency-Key.</param>
/// <param name="Digest">The order's digest (<see cref="OrderRequest.Digest"/>).</param>
/// <param name="OrderId">The order's id.</param>
internal readonly record struct IdempotencyRecord(string Id, string Digest, OrderId OrderId)
{
    public static IdempotencyRecord For(OrderRequest order, IdempotencyKey key, OrderId orderId)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new IdempotencyRecord(order.CustomerId + "#" + key.Value, order.Digest(), orderId);
    }
}

/// <summary>
/// One record per Idempotency-Key in a DynamoDB table, as draft-ietf-httpapi-idempotency-key-header asks of a server:
/// a key seen with the same payload gets the first answer, with another payload 422, while the first request is still
/// being processed 409. The record's key is <c>customerId#key</c> (a customer id holds no <c>#</c>, so the first
/// <c>#</c> splits it): two customers may use the same key. It holds the order's digest
/// (<see cref="OrderRequest.Digest"/>), the order id, the status, <c>lockedUntil</c> (epoch milliseconds: the deadline
/// of the invocation that holds it in progress) and <c>expiresAt</c> (epoch seconds: the table's time-to-live
/// attribute).
/// </summary>
/// <remarks>
/// <para>One conditional <c>PutItem</c> claims the key before the order is sent, and returns the existing record when the
/// condition fails (<c>ReturnValuesOnConditionCheckFailure ALL_OLD</c>: no second read, no race between read and write).
/// The condition lets a claim through when there is no record, when the record has expired (DynamoDB deletes expired
/// items only within a few days, so a read can still find one:
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html), or when the record is the same
/// order left in progress by an invocation whose deadline has passed (it crashed or timed out: Powertools' idempotency
/// does the same with the Lambda context's remaining time).</para>
/// <para>After SQS acknowledged the message the record is completed; when the message certainly was not sent, the record
/// is deleted, so that a retry can succeed; when nobody knows, the lock is released but the digest kept, so that the
/// same order can be retried at once (its message carries the same order id, which the consumer's conditional write
/// absorbs) and another order under the key still gets 422.</para>
/// </remarks>
internal sealed class IdempotencyStore(IAmazonDynamoDB dynamoDb, string tableName, TimeSpan lifetime, TimeProvider time)
{
    internal const string IdAttribute = "id";
    internal const string StatusAttribute = "status";
    internal const string DigestAttribute = "requestDigest";
    internal const string OrderIdAttribute = "orderId";
    internal const string LockedUntilAttribute = "lockedUntil";
    internal const string ExpiresAtAttribute = "expiresAt";
    internal const string InProgress = "IN_PROGRESS";
    internal const string Completed = "COMPLETED";

    /// <summary>
    /// No record, an expired one, or the same order abandoned in progress. <c>status</c> is a DynamoDB reserved word,
    /// hence <c>#status</c>.
    /// </summary>
    private const string ClaimCondition =
        "attribute_not_exists(" + IdAttribute + ") OR " + ExpiresAtAttribute + " < :now OR (#status = :inProgress AND "
        + LockedUntilAttribute + " < :nowMs AND " + DigestAttribute + " = :digest)";

    /// <summary>Claims the key for this request until <paramref name="lockedUntil"/>, or says who holds it. Throws what the client throws.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(
        IdempotencyRecord record, DateTimeOffset lockedUntil, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = Item(record, InProgress, lockedUntil, now),
            ConditionExpression = ClaimCondition,
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#status"] = StatusAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":now"] = Number(now.ToUnixTimeSeconds()),
                [":nowMs"] = Number(now.ToUnixTimeMilliseconds()),
                [":inProgress"] = new() { S = InProgress },
                [":digest"] = new() { S = record.Digest },
            },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            await dynamoDb.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return new IdempotencyClaim(ClaimOutcome.Claimed, lockedUntil);
        }
        catch (ConditionalCheckFailedException held)
        {
            return Holder(held.Item, record.Digest);
        }
    }

    /// <summary>Marks the key's order accepted: replays get its answer until the key expires.</summary>
    public Task CompleteAsync(IdempotencyRecord record, CancellationToken cancellationToken) =>
        PutAsync(record, Completed, cancellationToken);

    /// <summary>
    /// The order's fate is unknown: keeps the digest (another order under the key still gets 422) but releases the
    /// lock, so that the same order can be retried at once.
    /// </summary>
    public Task ReleaseAsync(IdempotencyRecord record, CancellationToken cancellationToken) =>
        PutAsync(record, InProgress, cancellationToken);

    /// <summary>The order certainly was not sent: forgets the key, so that a retry, with any order, can succeed.</summary>
    public Task DeleteAsync(IdempotencyRecord record, CancellationToken cancellationToken) =>
        dynamoDb.DeleteItemAsync(
            new DeleteItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [IdAttribute] = new() { S = record.Id } },
            },
            cancellationToken);

    /// <summary>Writes the record unconditionally, with no lock (completed, or released).</summary>
    private Task<PutItemResponse> PutAsync(IdempotencyRecord record, string status, CancellationToken cancellationToken) =>
        dynamoDb.PutItemAsync(
            new PutItemRequest { TableName = tableName, Item = Item(record, status, DateTimeOffset.UnixEpoch, time.GetUtcNow()) },
            cancellationToken);

    private Dictionary<string, AttributeValue> Item(
        IdempotencyRecord record, string status, DateTimeOffset lockedUntil, DateTimeOffset now) =>
        new(StringComparer.Ordinal)
        {
            [IdAttribute] = new() { S = record.Id },
            [StatusAttribute] = new() { S = status },
            [DigestAttribute] = new() { S = record.Digest },
            [OrderIdAttribute] = new() { S = record.OrderId.ToString() },
            [LockedUntilAttribute] = Number(lockedUntil.ToUnixTimeMilliseconds()),
            [ExpiresAtAttribute] = Number((now + lifetime).ToUnixTimeSeconds()),
        };

    /// <summary>
    /// The record that made the claim fail: another digest means another order, whatever its status; a record without
    /// a status is treated as in progress.
    /// </summary>
    private static IdempotencyClaim Holder(Dictionary<string, AttributeValue>? item, string digest)
    {
        var lockedUntil = item is not null && item.TryGetValue(LockedUntilAttribute, out var value)
            && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : DateTimeOffset.UnixEpoch;
        if (Text(item, DigestAttribute) is { } stored && !string.Equals(stored, digest, StringComparison.Ordinal))
        {
            return new IdempotencyClaim(ClaimOutcome.DifferentOrder, lockedUntil);
        }

        return Text(item, StatusAttribute) switch
        {
            Completed => new IdempotencyClaim(ClaimOutcome.Completed, lockedUntil),
            _ => new IdempotencyClaim(ClaimOutcome.InProgress, lockedUntil),
        };
    }

    private static string? Text(Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) ? value.S : null;

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}

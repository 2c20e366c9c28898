using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>
/// One table: its description and its items in a stable key order (the order Scan pages through). Thread-safe: each
/// read or conditional change happens under the table's lock, so a condition and the write it guards are atomic.
/// </summary>
internal sealed class DynamoDbTable(
    string name,
    DynamoDbKeySchema keySchema,
    string arn,
    DynamoDbBillingMode billing,
    bool sseEnabled,
    DateTimeOffset createdAt)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, DynamoDbStoredItem> _items = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public DynamoDbKeySchema KeySchema { get; } = keySchema;

    public string Arn { get; } = arn;

    public string TableId { get; } = Guid.NewGuid().ToString();

    public DynamoDbBillingMode Billing { get; } = billing;

    /// <summary>Whether CreateTable asked for a KMS key (SSESpecification.Enabled); the local store is plain memory.</summary>
    public bool SseEnabled { get; } = sseEnabled;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public (int Count, long SizeBytes) Statistics
    {
        get
        {
            lock (_gate)
            {
                return (_items.Count, _items.Values.Sum(item => item.Size));
            }
        }
    }

    public DynamoDbStoredItem? Get(string key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Replaces (or, with a null <paramref name="replacement"/>, deletes) the item at <paramref name="key"/> once
    /// <paramref name="check"/> has accepted the current one (it throws to refuse); returns the item replaced.
    /// </summary>
    public DynamoDbStoredItem? Change(string key, DynamoDbStoredItem? replacement, Action<DynamoDbStoredItem?> check)
    {
        lock (_gate)
        {
            var current = _items.GetValueOrDefault(key);
            check(current);
            if (replacement is null)
            {
                _items.Remove(key);
            }
            else
            {
                _items[key] = replacement;
            }

            return current;
        }
    }

    /// <summary>
    /// Replaces the item at <paramref name="key"/> with what <paramref name="update"/> makes of the current one (null
    /// when absent; it throws to refuse), atomically; returns the item replaced.
    /// </summary>
    public DynamoDbStoredItem? Update(string key, Func<DynamoDbStoredItem?, DynamoDbStoredItem> update)
    {
        lock (_gate)
        {
            var current = _items.GetValueOrDefault(key);
            _items[key] = update(current);
            return current;
        }
    }

    /// <summary>The items that <paramref name="predicate"/> selects, read under the lock, in key order.</summary>
    public List<DynamoDbStoredItem> Where(Func<DynamoDbStoredItem, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _items.Values.Where(predicate)];
        }
    }

    /// <summary>
    /// The items after <paramref name="afterKey"/> (from the start when null), up to <paramref name="limit"/> of them and
    /// ending with the one that reaches <paramref name="maxBytes"/>, and whether more items follow them.
    /// </summary>
    public (IReadOnlyList<DynamoDbStoredItem> Items, bool More) Page(string? afterKey, long limit, long maxBytes)
    {
        lock (_gate)
        {
            var page = new List<DynamoDbStoredItem>();
            var bytes = 0L;
            var following = afterKey is null
                ? _items.Values
                : _items.SkipWhile(entry => string.CompareOrdinal(entry.Key, afterKey) <= 0).Select(entry => entry.Value);
            foreach (var item in following)
            {
                if (page.Count == limit || bytes >= maxBytes)
                {
                    return (page, true);
                }

                page.Add(item);
                bytes += item.Size;
            }

            return (page, false);
        }
    }
}

/// <summary>An item as stored: its attributes (JSON kept as sent), its AWS JSON text and its size as DynamoDB counts it.</summary>
internal sealed record DynamoDbStoredItem(IReadOnlyDictionary<string, JsonElement> Attributes, string Json, long Size)
{
    /// <summary>Copies a checked <c>Item</c> member out of the request document, which is disposed after the call.</summary>
    public static DynamoDbStoredItem From(JsonElement item, long size)
    {
        var copy = item.Clone();
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var attribute in copy.EnumerateObject())
        {
            attributes[attribute.Name] = attribute.Value;
        }

        return new DynamoDbStoredItem(attributes, copy.GetRawText(), size);
    }
}

/// <summary>
/// <c>PAY_PER_REQUEST</c> (capacities 0), or <c>PROVISIONED</c> with the read and write capacity units it was created with.
/// </summary>
internal sealed record DynamoDbBillingMode(string Mode, long ReadCapacityUnits, long WriteCapacityUnits)
{
    public const string PayPerRequest = "PAY_PER_REQUEST";
    public const string Provisioned = "PROVISIONED";

    public static readonly DynamoDbBillingMode OnDemand = new(PayPerRequest, 0, 0);
}

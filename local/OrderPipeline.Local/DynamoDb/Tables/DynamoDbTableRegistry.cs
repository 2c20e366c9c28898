namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>The tables of the local account, by name; thread-safe.</summary>
internal sealed class DynamoDbTableRegistry(string region, TimeProvider time)
{
    private const string TableArnMarker = ":table/";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DynamoDbTable> _tables = new(StringComparer.Ordinal);

    public string ArnFor(string name) => $"arn:aws:dynamodb:{region}:{LocalAccount.Id}:table/{name}";

    /// <summary>Table names in the order ListTables gives them (ascending).</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _tables.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Creates the table, or throws ResourceInUseException when one of that name exists.</summary>
    public DynamoDbTable Create(string name, DynamoDbKeySchema keySchema, DynamoDbBillingMode billing, bool sseEnabled)
    {
        lock (_gate)
        {
            if (_tables.ContainsKey(name))
            {
                throw new DynamoDbProtocolException(DynamoDbError.ResourceInUse(name));
            }

            var table = new DynamoDbTable(name, keySchema, ArnFor(name), billing, sseEnabled, time.GetUtcNow());
            _tables.Add(name, table);
            return table;
        }
    }

    /// <summary>
    /// The table named by <paramref name="nameOrArn"/> (a name, or a table ARN as item operations accept), or throws
    /// ResourceNotFoundException with <paramref name="notFound"/>.
    /// </summary>
    public DynamoDbTable Get(string nameOrArn, Func<string, DynamoDbError> notFound)
    {
        var name = NameOf(nameOrArn);
        lock (_gate)
        {
            return _tables.TryGetValue(name, out var table) ? table : throw new DynamoDbProtocolException(notFound(name));
        }
    }

    public DynamoDbTable Delete(string nameOrArn)
    {
        var name = NameOf(nameOrArn);
        lock (_gate)
        {
            return _tables.Remove(name, out var table)
                ? table
                : throw new DynamoDbProtocolException(DynamoDbError.TableNotFound(name));
        }
    }

    private string NameOf(string nameOrArn)
    {
        var marker = nameOrArn.IndexOf(TableArnMarker, StringComparison.Ordinal);
        return marker >= 0 && nameOrArn.StartsWith(ArnFor(string.Empty)[..^TableArnMarker.Length], StringComparison.Ordinal)
            ? nameOrArn[(marker + TableArnMarker.Length)..]
            : nameOrArn;
    }
}

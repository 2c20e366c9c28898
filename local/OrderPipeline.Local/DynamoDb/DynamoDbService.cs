using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.DynamoDb.Http;
using OrderPipeline.Local.DynamoDb.Operations;
using OrderPipeline.Local.DynamoDb.Tables;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// The local stack's Amazon DynamoDB: in-memory tables behind the AWS JSON 1.0 protocol that AWSSDK.DynamoDBv2 and the
/// other AWS SDKs speak (<c>X-Amz-Target: DynamoDB_20120810.&lt;Operation&gt;</c>), answering CreateTable,
/// DescribeTable, ListTables, DeleteTable, PutItem, GetItem, DeleteItem and Scan with DynamoDB's errors and the
/// <c>x-amz-crc32</c> checksum the SDKs verify. Host it with <see cref="HandleAsync"/> as a Kestrel app's only handler,
/// or with <see cref="DynamoDbEndpointRouteBuilderExtensions.MapDynamoDb"/>.
/// </summary>
public sealed class DynamoDbService
{
    public const string AccountId = DynamoDbTableRegistry.AccountId;

    private readonly DynamoDbTableRegistry _tables;
    private readonly FaultPlan<DynamoDbError> _faults;
    private readonly FaultTally _injected = new();
    private readonly DynamoDbHttpBinding _binding;

    public DynamoDbService(DynamoDbServiceSettings settings)
        : this(settings, TimeProvider.System, null)
    {
    }

    /// <param name="settings">Region and random fault rates.</param>
    /// <param name="time">The clock for table creation times and observed changes.</param>
    /// <param name="observer">Sees every request and every item change; null for none.</param>
    public DynamoDbService(DynamoDbServiceSettings settings, TimeProvider time, IDynamoDbServiceObserver? observer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        settings.FaultRates.Validate();
        Settings = settings;
        var seen = observer ?? new DynamoDbNullObserver();
        _tables = new DynamoDbTableRegistry(settings.Region, time);
        _faults = new FaultPlan<DynamoDbError>(
            settings.FaultRates.FailureShare,
            settings.FaultRates.ThrottleShare,
            settings.FaultRates.Seed,
            DynamoDbError.InternalServerError,
            DynamoDbError.Throttling,
            settings.FaultRates.Operations);
        _binding = new DynamoDbHttpBinding(
            new DynamoDbOperationTable(_tables, seen, time), _faults, settings.FaultRates.Tables, _injected, seen, time);
    }

    public DynamoDbServiceSettings Settings { get; }

    /// <summary>Answers one DynamoDB request; usable as a <see cref="RequestDelegate"/>. Never throws for bad input.</summary>
    public Task HandleAsync(HttpContext context) => _binding.HandleAsync(context);

    /// <summary>Creates an on-demand table, ACTIVE at once, and returns its ARN.</summary>
    /// <exception cref="ArgumentException">The name is one DynamoDB would refuse, or a table of that name exists.</exception>
    public string CreateTable(DynamoDbTableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            DynamoDbJson.CheckTableName(table.Name);
            var schema = new DynamoDbKeySchema(table.PartitionKey, table.SortKey);
            return _tables.Create(table.Name, schema, DynamoDbBillingMode.OnDemand, sseEnabled: false).Arn;
        }
        catch (DynamoDbProtocolException rejected)
        {
            throw new ArgumentException(rejected.Error.Message, nameof(table));
        }
    }

    /// <summary><c>arn:aws:dynamodb:&lt;region&gt;:000000000000:table/&lt;name&gt;</c>, whether or not the table exists.</summary>
    public string TableArn(string name) => _tables.ArnFor(name);

    /// <summary>
    /// Answers the next <paramref name="count"/> calls of <paramref name="operation"/> (the name after
    /// <c>DynamoDB_20120810.</c> in <c>X-Amz-Target</c>) with <paramref name="error"/>, replacing an earlier plan for it.
    /// </summary>
    public void FailNext(string operation, int count, DynamoDbError error)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        _faults.FailNext(operation, count, error);
    }

    /// <summary>Answers every call of every operation with <paramref name="error"/> until <see cref="ResetFaults"/>.</summary>
    public void FailAll(DynamoDbError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _faults.FailAll(error);
    }

    /// <summary>Clears the scripted faults; the random rates of <see cref="Settings"/> stay.</summary>
    public void ResetFaults() => _faults.Reset();

    /// <summary>The faults injected so far, scripted and random, by operation and error code.</summary>
    public IReadOnlyList<InjectedFault> InjectedFaults() => _injected.Snapshot();
}

using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.DynamoDb.Operations;
using OrderPipeline.Local.DynamoDb.Tables;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// The local stack's Amazon DynamoDB: in-memory tables behind the AWS JSON 1.0 protocol that AWSSDK.DynamoDBv2 and the
/// other AWS SDKs speak (<c>X-Amz-Target: DynamoDB_20120810.&lt;Operation&gt;</c>), answering CreateTable,
/// DescribeTable, ListTables, DeleteTable, PutItem, GetItem, UpdateItem, DeleteItem, Scan and Query with DynamoDB's errors and the
/// <c>x-amz-crc32</c> checksum the SDKs verify. Host it with <see cref="HandleAsync"/> as a Kestrel app's only handler,
/// or with <see cref="DynamoDbEndpointRouteBuilderExtensions.MapDynamoDb"/>.
/// </summary>
/// <remarks>
/// A request reports itself to <see cref="DynamoDbEvents.RequestReceived"/>, must carry an Authorization header (the
/// signature is not verified), meets the injected faults, and is dispatched on <c>X-Amz-Target</c> to its operation,
/// which answers in JSON or with the DynamoDB-shaped error, each with <c>x-amzn-RequestId</c> and <c>x-amz-crc32</c>.
/// </remarks>
public sealed class DynamoDbService
{
    private readonly DynamoDbTableRegistry _tables;
    private readonly FaultPlan<DynamoDbError> _faults;
    private readonly IReadOnlySet<string>? _faultTables;
    private readonly FaultTally _injected = new();
    private readonly DynamoDbEvents? _events;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Action<DynamoDbCall>> _operations;

    public DynamoDbService(DynamoDbServiceSettings settings)
        : this(settings, TimeProvider.System, null)
    {
    }

    /// <param name="settings">Region and random fault rates.</param>
    /// <param name="time">The clock for table creation times and observed changes.</param>
    /// <param name="events">Sees every request and every item change; null for none.</param>
    public DynamoDbService(DynamoDbServiceSettings settings, TimeProvider time, DynamoDbEvents? events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        settings.FaultRates.Validate();
        Settings = settings;
        _events = events;
        _time = time;
        _tables = new DynamoDbTableRegistry(settings.Region, time);
        _faults = new FaultPlan<DynamoDbError>(
            settings.FaultRates.FailureShare,
            settings.FaultRates.ThrottleShare,
            settings.FaultRates.Seed,
            DynamoDbError.InternalServerError,
            DynamoDbError.Throttling,
            settings.FaultRates.Operations);
        _faultTables = settings.FaultRates.Tables;
        _operations = Operations(_tables, events, time);
    }

    public DynamoDbServiceSettings Settings { get; }

    /// <summary>Answers one DynamoDB request; usable as a <see cref="RequestDelegate"/>. Never throws for bad input.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var target = request.Headers[DynamoDbHttp.TargetHeader].ToString();
        var operation = target.StartsWith(DynamoDbHttp.TargetPrefix, StringComparison.Ordinal)
            ? target[DynamoDbHttp.TargetPrefix.Length..]
            : null;
        context.Response.Headers[DynamoDbHttp.RequestIdHeader] = Guid.NewGuid().ToString("N").ToUpperInvariant();
        byte[] body;
        try
        {
            body = await DynamoDbHttp.ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (DynamoDbProtocolException rejected)
        {
            await DynamoDbHttp.WriteErrorAsync(context.Response, rejected, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        _events?.RequestReceived?.Invoke(
            new DynamoDbRequest(operation, DynamoDbHttp.Headers(request.Headers), body, _time.GetUtcNow()));
        var output = new ArrayBufferWriter<byte>();
        try
        {
            Dispatch(context.Request, operation, body, output);
            await DynamoDbHttp.WriteAsync(context.Response, StatusCodes.Status200OK, output.WrittenMemory, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (DynamoDbProtocolException rejected)
        {
            await DynamoDbHttp.WriteErrorAsync(context.Response, rejected, context.RequestAborted).ConfigureAwait(false);
        }
    }

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

    /// <summary>The operations this service answers, by the name after <c>DynamoDB_20120810.</c> in <c>X-Amz-Target</c>.</summary>
    private static Dictionary<string, Action<DynamoDbCall>> Operations(
        DynamoDbTableRegistry tables, DynamoDbEvents? events, TimeProvider time)
    {
        var tableOperations = new DynamoDbTableOperations(tables);
        var items = new DynamoDbItemOperations(tables, events, time);
        var update = new DynamoDbUpdateOperation(tables, events, time);
        var reads = new DynamoDbReadOperations(tables);
        return new(StringComparer.Ordinal)
        {
            ["CreateTable"] = tableOperations.CreateTable,
            ["DescribeTable"] = tableOperations.DescribeTable,
            ["ListTables"] = tableOperations.ListTables,
            ["DeleteTable"] = tableOperations.DeleteTable,
            ["PutItem"] = items.PutItem,
            ["GetItem"] = items.GetItem,
            ["DeleteItem"] = items.DeleteItem,
            ["UpdateItem"] = update.UpdateItem,
            ["Scan"] = reads.Scan,
            ["Query"] = reads.Query,
        };
    }

    private void Dispatch(HttpRequest request, string? operation, byte[] body, IBufferWriter<byte> output)
    {
        if (string.IsNullOrWhiteSpace(request.Headers[DynamoDbHttp.AuthorizationHeader].ToString()))
        {
            throw new DynamoDbProtocolException(DynamoDbError.MissingAuthenticationToken());
        }

        if (!HttpMethods.IsPost(request.Method)
            || request.Path != "/"
            || !DynamoDbHttp.IsMediaType(request.ContentType, DynamoDbHttp.JsonContentType))
        {
            throw new DynamoDbProtocolException(DynamoDbError.UnknownOperation(
                $"This endpoint answers only POST / with Content-Type {DynamoDbHttp.JsonContentType}."));
        }

        if (operation is null || !_operations.TryGetValue(operation, out var handle))
        {
            throw new DynamoDbProtocolException(DynamoDbError.UnknownOperation(
                $"Unknown operation {request.Headers[DynamoDbHttp.TargetHeader]}."));
        }

        using var document = DynamoDbHttp.ParseJson(body);
        if (_faults.Take(operation, _faultTables is null || NamesTable(document.RootElement, _faultTables)) is { } fault)
        {
            _injected.Add(operation, fault.Code);
            throw new DynamoDbProtocolException(fault);
        }

        using var writer = new Utf8JsonWriter(output);
        handle(new DynamoDbCall(document.RootElement, writer));
    }

    private static bool NamesTable(JsonElement request, IReadOnlySet<string> tables) =>
        request.ValueKind == JsonValueKind.Object
        && request.TryGetProperty("TableName", out var name)
        && name.ValueKind == JsonValueKind.String
        && tables.Contains(name.GetString()!);
}

/// <summary>One parsed operation call: its JSON input and the writer for its JSON output.</summary>
internal sealed record DynamoDbCall(JsonElement Request, Utf8JsonWriter Writer);

using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.DynamoDb.Operations;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.DynamoDb.Http;

/// <summary>
/// Speaks AWS JSON 1.0 as DynamoDB does: reports the request to the observer, checks it carries an Authorization header
/// (the signature is not verified), applies injected faults, dispatches on <c>X-Amz-Target</c>, and writes the JSON
/// answer or the DynamoDB-shaped error, each with <c>x-amzn-RequestId</c> and <c>x-amz-crc32</c>.
/// </summary>
internal sealed class DynamoDbHttpBinding(
    DynamoDbOperationTable operations,
    FaultPlan<DynamoDbError> faults,
    IReadOnlySet<string>? faultTables,
    FaultTally injected,
    IDynamoDbServiceObserver observer,
    TimeProvider time)
{
    public const string TargetHeader = "X-Amz-Target";
    public const string TargetPrefix = "DynamoDB_20120810.";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string AuthorizationHeader = "Authorization";

    /// <summary>DynamoDB's request size limit: 16 MB.</summary>
    private const long MaxRequestBytes = 16 * 1024 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var target = request.Headers[TargetHeader].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : null;
        context.Response.Headers[RequestIdHeader] = Guid.NewGuid().ToString("N").ToUpperInvariant();
        byte[] body;
        try
        {
            body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (DynamoDbProtocolException rejected)
        {
            await DynamoDbHttp.WriteErrorAsync(context.Response, rejected, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        observer.RequestReceived(new DynamoDbRequest(operation, DynamoDbHttp.Headers(request.Headers), body, time.GetUtcNow()));
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

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxRequestBytes)
            {
                throw TooLarge();
            }
        }

        return buffer.ToArray();
    }

    private static DynamoDbProtocolException TooLarge() =>
        new(DynamoDbError.Validation($"Request size exceeded {MaxRequestBytes} bytes"));

    private void Dispatch(HttpRequest request, string? operation, byte[] body, IBufferWriter<byte> output)
    {
        if (string.IsNullOrWhiteSpace(request.Headers[AuthorizationHeader].ToString()))
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

        if (operation is null || !operations.TryGet(operation, out var handle))
        {
            throw new DynamoDbProtocolException(DynamoDbError.UnknownOperation(
                $"Unknown operation {request.Headers[TargetHeader]}."));
        }

        using var document = DynamoDbHttp.ParseJson(body);
        if (faults.Take(operation, faultTables is null || NamesTable(document.RootElement, faultTables)) is { } fault)
        {
            injected.Add(operation, fault.Code);
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

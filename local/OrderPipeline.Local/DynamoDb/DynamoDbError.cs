using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// An error answer as DynamoDB sends it in AWS JSON 1.0: the HTTP status and the body
/// <c>{"__type":"<paramref name="Type"/>","message":"…"}</c>. The AWS SDKs take the error code from the part of
/// <paramref name="Type"/> after <c>#</c>; DynamoDB's own errors are in <c>com.amazonaws.dynamodb.v20120810</c>, the
/// request-validation and protocol errors in the <c>com.amazon.coral.*</c> namespaces.
/// </summary>
public sealed record DynamoDbError(int StatusCode, string Type, string Message)
{
    private const string DynamoDbNamespace = "com.amazonaws.dynamodb.v20120810#";
    private const string ValidateNamespace = "com.amazon.coral.validate#";
    private const string ServiceNamespace = "com.amazon.coral.service#";
    private const string AvailabilityNamespace = "com.amazon.coral.availability#";

    /// <summary>The code the SDKs report: the part of <see cref="Type"/> after <c>#</c>.</summary>
    public string Code => Type[(Type.LastIndexOf('#') + 1)..];

    /// <summary>HTTP 500 <c>InternalServerError</c>: the SDK retries it as a transient fault.</summary>
    public static DynamoDbError InternalServerError() =>
        new(500, DynamoDbNamespace + "InternalServerError", "Internal server error");

    /// <summary>HTTP 400 <c>ThrottlingException</c>: the SDK retries it as a throttle.</summary>
    public static DynamoDbError Throttling() =>
        new(400, AvailabilityNamespace + "ThrottlingException", "Rate of requests exceeds the allowed throughput.");

    internal static DynamoDbError ConditionalCheckFailed() =>
        new(400, DynamoDbNamespace + "ConditionalCheckFailedException", "The conditional request failed");

    internal static DynamoDbError ResourceNotFound(string message = "Requested resource not found") =>
        new(400, DynamoDbNamespace + "ResourceNotFoundException", message);

    internal static DynamoDbError TableNotFound(string tableName) =>
        ResourceNotFound($"Requested resource not found: Table: {tableName} not found");

    internal static DynamoDbError ResourceInUse(string tableName) =>
        new(400, DynamoDbNamespace + "ResourceInUseException", $"Table already exists: {tableName}");

    internal static DynamoDbError Validation(string message) =>
        new(400, ValidateNamespace + "ValidationException", message);

    /// <summary>A ValidationException in the shape of a failed member constraint.</summary>
    internal static DynamoDbError Constraint(string value, string member, string constraint) =>
        Validation($"1 validation error detected: Value {value} at '{member}' failed to satisfy constraint: {constraint}");

    internal static DynamoDbError InvalidParameter(string message) =>
        Validation("One or more parameter values were invalid: " + message);

    internal static DynamoDbError Serialization(string message) =>
        new(400, ServiceNamespace + "SerializationException", message);

    internal static DynamoDbError UnknownOperation(string message) =>
        new(400, ServiceNamespace + "UnknownOperationException", message);

    internal static DynamoDbError MissingAuthenticationToken() =>
        new(400, ServiceNamespace + "MissingAuthenticationTokenException", "Request is missing Authentication Token");
}

/// <summary>Ends the handling of one request with the DynamoDB error answer it carries.</summary>
internal sealed class DynamoDbProtocolException : Exception
{
    public DynamoDbProtocolException(DynamoDbError error, IReadOnlyDictionary<string, JsonElement>? item = null)
        : base(error.Message)
    {
        Error = error;
        Item = item;
    }

    public DynamoDbError Error { get; }

    /// <summary>The <c>Item</c> member of a ConditionalCheckFailedException (ReturnValuesOnConditionCheckFailure).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Item { get; }
}

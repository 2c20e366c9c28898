using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb;

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

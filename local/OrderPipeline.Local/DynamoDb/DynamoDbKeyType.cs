namespace OrderPipeline.Local.DynamoDb;

/// <summary>The scalar types a key attribute can have, named as in <c>AttributeType</c> on the wire.</summary>
public enum DynamoDbKeyType
{
    /// <summary>String.</summary>
    S,

    /// <summary>Number.</summary>
    N,

    /// <summary>Binary.</summary>
    B,
}

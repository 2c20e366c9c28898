using LocalSqs = OrderPipeline.Local.Sqs;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>
/// A message attribute as the tests see it; the same value as <see cref="LocalSqs.SqsAttributeValue"/>, kept here so
/// that tests written against <see cref="SqsEndpoint"/> need no reference to the local stack's namespace.
/// </summary>
public sealed record SqsAttributeValue(string DataType, string? StringValue, byte[]? BinaryValue)
{
    public static SqsAttributeValue FromString(string value) => new("String", value, null);

    public static SqsAttributeValue FromNumber(string value) => new("Number", value, null);

    public static SqsAttributeValue FromBinary(byte[] value) => new("Binary", null, value);

    /// <summary>True when <see cref="DataType"/> is <c>Binary</c> or <c>Binary.*</c>.</summary>
    public bool IsBinary => ToLocal().IsBinary;

    internal static SqsAttributeValue From(LocalSqs.SqsAttributeValue value) =>
        new(value.DataType, value.StringValue, value.BinaryValue);

    internal LocalSqs.SqsAttributeValue ToLocal() => new(DataType, StringValue, BinaryValue);
}

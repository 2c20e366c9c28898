using LocalSqs = OrderPipeline.Local.Sqs;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>The SQS MD5 digests, as <see cref="LocalSqs.SqsMessageDigest"/> computes them, over the tests' types.</summary>
public static class SqsMessageDigest
{
    public static string OfBody(string body) => LocalSqs.SqsMessageDigest.OfBody(body);

    public static string OfAttributes(IReadOnlyDictionary<string, SqsAttributeValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return LocalSqs.SqsMessageDigest.OfAttributes(
            attributes.ToDictionary(pair => pair.Key, pair => pair.Value.ToLocal(), StringComparer.Ordinal));
    }
}

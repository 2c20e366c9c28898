using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// A queue's <c>RedrivePolicy</c>: a message received more than <paramref name="MaxReceiveCount"/> times moves to the
/// queue named by <paramref name="DeadLetterTargetArn"/>. On the wire it is the JSON string
/// <c>{"deadLetterTargetArn":"…","maxReceiveCount":5}</c> (SQS also accepts the count as a string).
/// </summary>
public sealed record SqsRedrivePolicy(string DeadLetterTargetArn, int MaxReceiveCount)
{
    public const int MinReceiveCount = 1;
    public const int MaxReceiveCountLimit = 1000;

    private const string TargetArnName = "deadLetterTargetArn";
    private const string MaxReceiveCountName = "maxReceiveCount";

    /// <summary>Parses the attribute value; never throws, returns null for anything SQS would refuse.</summary>
    public static SqsRedrivePolicy? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty(TargetArnName, out var arn) || arn.ValueKind != JsonValueKind.String
                || !root.TryGetProperty(MaxReceiveCountName, out var count))
            {
                return null;
            }

            int? maxReceiveCount = count.ValueKind switch
            {
                JsonValueKind.Number when count.TryGetInt32(out var number) => number,
                JsonValueKind.String when int.TryParse(count.GetString(), NumberStyles.None, CultureInfo.InvariantCulture,
                    out var number) => number,
                _ => null,
            };
            return maxReceiveCount is >= MinReceiveCount and <= MaxReceiveCountLimit
                ? new SqsRedrivePolicy(arn.GetString()!, maxReceiveCount.Value)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The attribute value as GetQueueAttributes returns it.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString(TargetArnName, DeadLetterTargetArn);
            writer.WriteNumber(MaxReceiveCountName, MaxReceiveCount);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

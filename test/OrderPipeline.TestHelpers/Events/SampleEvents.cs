using System.Text.Json.Serialization.Metadata;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.TestHelpers.Events;

/// <summary>
/// The sample events in the repository's <c>events/</c> folder: the same files <c>sam local invoke -e</c> reads, so the
/// tests and the documented commands cannot drift apart.
/// </summary>
public static class SampleEvents
{
    public const string ApiPostOrder = "api-post-order.json";
    public const string ApiPostOrderInvalid = "api-post-order-invalid.json";
    public const string SqsOrders = "sqs-orders.json";

    public static string Directory => Path.Combine(RepositoryRoot.Find(), "events");

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    /// <summary>Reads and deserialises an event file with the same source-generated contract the function uses.</summary>
    public static T Load<T>(string fileName, JsonTypeInfo<T> typeInfo) =>
        System.Text.Json.JsonSerializer.Deserialize(Read(fileName), typeInfo)
        ?? throw new InvalidDataException($"{fileName} holds JSON null.");
}

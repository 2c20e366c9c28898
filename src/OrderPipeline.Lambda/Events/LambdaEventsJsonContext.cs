using System.Text.Json.Serialization;

namespace OrderPipeline.Lambda.Events;

/// <summary>
/// Source-generated JSON for the event contracts, in Lambda's field names (camelCase, SQS <c>Records</c> and
/// <c>eventSourceARN</c>). Options bound to this context resolve only these types: there is no reflection fallback.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiGatewayProxyRequest))]
[JsonSerializable(typeof(ApiGatewayProxyResponse))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class LambdaEventsJsonContext : JsonSerializerContext;

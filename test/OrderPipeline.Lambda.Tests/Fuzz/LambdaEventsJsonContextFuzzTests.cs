using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using OrderPipeline.Lambda.Events;
using OrderPipeline.TestHelpers.Events;

namespace OrderPipeline.Lambda.Tests.Fuzz;

// Property tests: the source-generated event contracts over mutated copies of the sample events in events/, read from
// UTF-8 bytes as the host reads them.
// A mutated event either deserialises or fails with JsonException: never another exception type, which the host
// would report as an unexplained crash instead of a bad event. CsCheck prints the seed of a failing case.
public sealed class LambdaEventsJsonContextFuzzTests
{
    private const int Iterations = 1500;

    [Theory]
    [InlineData(SampleEvents.SqsOrders)]
    public void SqsEvent_MutatedSampleEvent_DeserialisesOrThrowsJsonException(string fileName) =>
        AssertOnlyJsonExceptions(Encoding.UTF8.GetBytes(SampleEvents.Read(fileName)), LambdaEventsJsonContext.Default.SqsEvent);

    [Theory]
    [InlineData(SampleEvents.ApiPostOrder)]
    [InlineData(SampleEvents.ApiPostOrderInvalid)]
    public void ApiGatewayProxyRequest_MutatedSampleEvent_DeserialisesOrThrowsJsonException(string fileName) =>
        AssertOnlyJsonExceptions(Encoding.UTF8.GetBytes(SampleEvents.Read(fileName)), LambdaEventsJsonContext.Default.ApiGatewayProxyRequest);

    [Fact]
    public void SqsBatchResponse_MutatedResponse_DeserialisesOrThrowsJsonException() =>
        AssertOnlyJsonExceptions(
            [.. """{"batchItemFailures":[{"itemIdentifier":"059f36b4-87a3-44ab-83d2-661975830a7d"},{"itemIdentifier":"2"}]}"""u8],
            LambdaEventsJsonContext.Default.SqsBatchResponse);

    private static void AssertOnlyJsonExceptions<T>(byte[] json, JsonTypeInfo<T> typeInfo)
    {
        Gen.OneOf(JsonMutations.Textual(json), JsonMutations.Structural(json)).Sample(
            mutated =>
            {
                try
                {
                    JsonSerializer.Deserialize(mutated, typeInfo);
                }
                catch (JsonException)
                {
                    // The one failure the contract allows.
                }
            },
            iter: Iterations,
            print: mutated => Encoding.UTF8.GetString(mutated));
    }
}

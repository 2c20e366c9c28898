using System.Text.Json;
using OrderPipeline.Lambda.Events;

namespace OrderPipeline.Lambda.Tests.Events;

public sealed class SqsBatchResponseTests
{
    [Fact]
    public void Serialize_Failures_WritesTheContractShape()
    {
        var response = new SqsBatchResponse
        {
            BatchItemFailures = [new BatchItemFailure { ItemIdentifier = "059f36b4-87a3-44ab-83d2-661975830a7d" }],
        };

        Assert.Equal(
            """{"batchItemFailures":[{"itemIdentifier":"059f36b4-87a3-44ab-83d2-661975830a7d"}]}""",
            JsonSerializer.Serialize(response, LambdaEventsJsonContext.Default.SqsBatchResponse));
    }

    [Fact]
    public void Serialize_NoFailures_WritesAnEmptyList()
    {
        Assert.Equal(
            """{"batchItemFailures":[]}""",
            JsonSerializer.Serialize(new SqsBatchResponse(), LambdaEventsJsonContext.Default.SqsBatchResponse));
    }
}

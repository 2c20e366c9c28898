using System.Text.Json;
using OrderPipeline.TestHelpers.Events;

namespace OrderPipeline.Deployment.Tests;

public sealed class EventFileTests
{
    [Fact]
    public void Directory_HoldsTheApiAndSqsEvents()
    {
        var files = Directory.GetFiles(SampleEvents.Directory, "*.json").Select(Path.GetFileName);

        Assert.Equal(
            new[] { SampleEvents.ApiPostOrder, SampleEvents.ApiPostOrderInvalid, SampleEvents.SqsOrders }.Order(StringComparer.Ordinal),
            files.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(SampleEvents.ApiPostOrder)]
    [InlineData(SampleEvents.ApiPostOrderInvalid)]
    [InlineData(SampleEvents.SqsOrders)]
    public void EventFile_IsStrictJsonObject(string fileName)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SampleEvents.Directory, fileName));

        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });

        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }
}

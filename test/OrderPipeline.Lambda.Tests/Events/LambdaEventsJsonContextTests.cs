using System.Text.Json;
using OrderPipeline.Lambda.Events;

namespace OrderPipeline.Lambda.Tests.Events;

public sealed class LambdaEventsJsonContextTests
{
    [Fact]
    public void Options_ResolveThroughTheGeneratedContextOnly()
    {
        Assert.Same(LambdaEventsJsonContext.Default, LambdaEventsJsonContext.Default.Options.TypeInfoResolver);
    }

    [Fact]
    public void Serialize_TypeOutsideTheContext_ThrowsInsteadOfFallingBackToReflection()
    {
        Assert.Throws<NotSupportedException>(
            () => JsonSerializer.Serialize(new NotInContext("x"), LambdaEventsJsonContext.Default.Options));
    }

    private sealed record NotInContext(string Name);
}

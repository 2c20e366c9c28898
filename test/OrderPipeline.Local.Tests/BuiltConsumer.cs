using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Tests;

/// <summary>The consumer, built once for every test class in this collection.</summary>
[CollectionDefinition(Name)]
public sealed class BuiltConsumer : ICollectionFixture<ConsumerBuild>
{
    public const string Name = "Built consumer";
}

using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Consumer.Tests.Executable;

/// <summary>Both functions, each built once for every test class in this collection.</summary>
[CollectionDefinition(Name)]
public sealed class BuiltFunctions : ICollectionFixture<ProducerBuild>, ICollectionFixture<ConsumerBuild>
{
    public const string Name = "Built functions";
}

using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Browser.Tests;

/// <summary>
/// Both functions, built once into <see cref="FunctionBuildFixture.WorkDirectory"/> (shared with the other test projects
/// of a run, which wait for each other), for the tests that run the whole stack.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BuiltFunctions : ICollectionFixture<ProducerBuild>, ICollectionFixture<ConsumerBuild>
{
    public const string Name = "Built functions";
}

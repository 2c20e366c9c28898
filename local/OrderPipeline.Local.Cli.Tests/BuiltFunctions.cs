using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Cli.Tests;

/// <summary>
/// Both functions, built once into <see cref="FunctionBuildFixture.WorkDirectory"/>, for the tests that run the whole
/// stack: a stack whose data directory is that folder reuses the builds.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BuiltFunctions : ICollectionFixture<ProducerBuild>, ICollectionFixture<ConsumerBuild>
{
    public const string Name = "Built functions";
}

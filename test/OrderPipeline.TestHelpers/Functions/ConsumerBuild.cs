namespace OrderPipeline.TestHelpers.Functions;

/// <summary>The consumer built once per test run by its Makefile target, as <c>sam build</c> builds it.</summary>
public sealed class ConsumerBuild() : FunctionBuildFixture("ConsumerFunction");

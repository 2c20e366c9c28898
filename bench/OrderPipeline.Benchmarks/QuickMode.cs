using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrderPipeline.Benchmarks;

/// <summary>
/// The <c>--quick</c> run CI makes so that the suites keep compiling and running, not for numbers: BenchmarkDotNet's
/// Dry job (one invocation after setup, no warm-up) in this process (no generated project to build, and any build
/// configuration), with every integer parameter at its smallest value.
/// </summary>
internal static class QuickMode
{
    public const string Switch = "--quick";

    public static IConfig Config() =>
        ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddFilter(new SimpleFilter(HasSmallestIntegers))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);

    private static bool HasSmallestIntegers(BenchmarkCase benchmark) =>
        benchmark.Parameters.Items.All(parameter =>
            parameter.Value is not int value || value == parameter.Definition.Values.OfType<int>().Min());
}

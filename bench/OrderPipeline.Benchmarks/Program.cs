using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using OrderPipeline.Benchmarks;

// dotnet run -c Release --project bench/OrderPipeline.Benchmarks -- --filter '*'   (add --job short for a quick look)
// --quick: every suite once, in this process, smallest params (what CI runs to keep them compiling and running).
// The exit code is non-zero when a benchmark failed to build or run.
var quick = args.Contains(QuickMode.Switch, StringComparer.Ordinal);
var config = quick ? QuickMode.Config() : DefaultConfig.Instance;
var summaries = BenchmarkSwitcher
    .FromAssembly(typeof(QuickMode).Assembly)
    .Run([.. args.Where(arg => arg != QuickMode.Switch)], config);
return RunOutcome.ExitCode(summaries);

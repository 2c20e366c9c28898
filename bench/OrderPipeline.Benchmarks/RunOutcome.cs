using BenchmarkDotNet.Reports;

namespace OrderPipeline.Benchmarks;

/// <summary>The process exit code of a run: BenchmarkDotNet reports failed benchmarks in the log but exits with 0.</summary>
internal static class RunOutcome
{
    public static int ExitCode(IEnumerable<Summary> summaries)
    {
        var all = summaries.ToList();
        var failed = all.Count == 0 || all.Any(summary =>
            summary.HasCriticalValidationErrors
            || summary.Reports.Length != summary.BenchmarksCases.Length
            || summary.Reports.Any(report => !report.Success));
        if (failed)
        {
            Console.Error.WriteLine("Benchmark run failed: a benchmark did not build or run, or none matched the filter.");
        }

        return failed ? 1 : 0;
    }
}

using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>Builds the template's functions in one mode with <see cref="FunctionBuilder"/>, reusing unchanged builds.</summary>
internal static class BenchBuilds
{
    public static async Task<IReadOnlyList<FunctionBuildResult>> BuildAsync(
        BenchOptions options, LocalTemplate template, FunctionBuildMode mode, StackEvents progress, CancellationToken cancellationToken)
    {
        var stack = StackOptionsFor(options, mode);
        var builds = template.Functions.Select(function => FunctionBuilder.BuildAsync(
            new FunctionBuildRequest(
                options.TemplateDirectory,
                function.LogicalId,
                stack.BuildDirectory(function.LogicalId),
                mode,
                Path.Combine(options.ModeDirectory(mode), "dotnet")),
            line => progress.Build(function.LogicalId, line),
            cancellationToken));
        var results = await Task.WhenAll(builds).ConfigureAwait(false);
        foreach (var result in results)
        {
            progress.Status($"{result.LogicalId} ({FunctionBuilder.MakeVariable(mode)}): {(result.Reused ? "reused" : "built")} {result.BootstrapPath}");
        }

        return results;
    }

    /// <summary>A stack on free ports whose builds are those of <paramref name="mode"/> under the bench's data directory.</summary>
    public static StackOptions StackOptionsFor(
        BenchOptions options, FunctionBuildMode mode, int functionConcurrency = 1, Func<StackComponent, IDisposable>? tagger = null) =>
        new(
            options.TemplatePath,
            options.ModeDirectory(mode),
            ApiPort: 0,
            SqsPort: 0,
            DynamoDbPort: 0,
            XRayPort: 0,
            mode,
            KeepTraces: false,
            functionConcurrency,
            WorkTagger: tagger,
            // As demo and trial: a record that fails (a store call timing out on a loaded machine) comes back within
            // the run rather than after the template's 180 s.
            VisibilityTimeoutOverride: StackOptions.ShortVisibilityTimeout,
            ParameterOverrides: options.ParameterOverrides,
            AccountConcurrency: options.AccountConcurrency,
            // Every request and batch traced, as when docs/performance.md was measured: the cost of tracing is counted
            // in full, not the fraction X-Ray's default rate would leave at the bench's request rate.
            SampleAll: true);
}

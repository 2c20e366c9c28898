using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Cli.Trial;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Cli.Tests.Trial;

/// <summary>A short fault trial through the real functions: every fault kind injected, nothing lost, nothing twice.</summary>
[Collection(BuiltFunctions.Name)]
public sealed class TrialRunnerTests
{
    [Fact]
    public async Task ExecuteAsync_FortyOrdersUnderEveryFault_PassesWithNothingLostNothingDuplicatedAndEveryFaultInjected()
    {
        // High shares so that 40 orders meet every kind; a generous time-out for a loaded machine (not a timing check).
        var options = Options(orders: 40, new TrialFaults(0.2, 0.2, 0.2, 0.2, 0.2, 0.2, ConsumerKills: 2, ClientAttempts: 3));

        var report = await TrialRunner.ExecuteAsync(options, StackEvents.Silent, CancellationToken.None);

        Assert.All(report.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        var figures = report.Figures;
        Assert.Equal((40, 0, 0), (figures.Orders, figures.Lost, figures.Duplicated));
        Assert.Equal(figures.Accepted, figures.Stored + figures.DeadLettered);
        string[] injected =
        [
            TrialFaultCounts.SendFailed, TrialFaultCounts.SendThrottled, TrialFaultCounts.DuplicateDelivery,
            TrialFaultCounts.PutItemFailed, TrialFaultCounts.ConsumerKilled, TrialFaultCounts.ClientResent,
            TrialFaultCounts.KeyReused,
        ];
        Assert.All(injected, kind => Assert.True(
            figures.Faults.Single(fault => fault.Kind == kind).Count >= 1, $"no fault of kind '{kind}' was injected"));
        Assert.Contains(figures.AnswersByStatus, pair => pair.Key == 422 && pair.Value >= 1);
    }

    [Fact]
    public async Task ExecuteAsync_EveryStoreCallFails_EveryOrderEndsInTheDeadLetterQueueWithItsReason()
    {
        // Every PutItem fails, so each order fails its 5 receives and the redrive policy moves it: the path where
        // "stored exactly once or in the dead-letter queue with its reason" is kept by the second half.
        var options = Options(orders: 3, new TrialFaults(0, 0, 1, 0, 0, 0, ConsumerKills: 0, ClientAttempts: 1));

        var report = await TrialRunner.ExecuteAsync(options, StackEvents.Silent, CancellationToken.None);

        Assert.All(report.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        Assert.Equal((3, 0, 3, 0, 0), (report.Figures.Accepted, report.Figures.Stored, report.Figures.DeadLettered, report.Figures.Lost, report.Figures.Duplicated));
        Assert.Equal(3, report.DeadLetters.Count);
        Assert.All(report.DeadLetters, letter => Assert.NotEmpty(letter.Reasons));
    }

    [Fact]
    public async Task ExecuteAsync_StageThrottledAndASmallAccount_ClientsBackOffAndNothingIsLostOrDuplicated()
    {
        // A stage of 5 requests a second with a burst of 2, given as sam deploy's --parameter-overrides would, and an
        // account of 6 concurrent executions (the consumer's five pollers and the producer share it): clients meet 429s
        // and retry them with back-off; a producer Lambda throttles answers 500 (certainly not accepted), a throttled
        // consumer batch comes back after the visibility timeout.
        var options = Options(orders: 16, new TrialFaults(0, 0, 0, 0, 0, 0, ConsumerKills: 0, ClientAttempts: 3));
        options = options with
        {
            Stack = options.Stack with
            {
                ParameterOverrides = new Dictionary<string, string> { ["ApiThrottlingRateLimit"] = "5", ["ApiThrottlingBurstLimit"] = "2" },
                AccountConcurrency = 6,
            },
        };

        var report = await TrialRunner.ExecuteAsync(options, StackEvents.Silent, CancellationToken.None);

        Assert.All(report.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        Assert.Equal((16, 0, 0), (report.Figures.Orders, report.Figures.Lost, report.Figures.Duplicated));
        Assert.Contains(report.Figures.AnswersByStatus, pair => pair.Key == 429 && pair.Value >= 1);
        Assert.True(report.Figures.Faults.Single(fault => fault.Kind == TrialFaultCounts.ClientRetriedAfterThrottle).Count >= 1);
        Assert.Equal(report.Figures.Accepted, report.Figures.Stored + report.Figures.DeadLettered);
    }

    private static TrialOptions Options(int orders, TrialFaults faults) => new(
        new StackOptions(
            Path.Combine(RepositoryRoot.Find(), "template.yaml"),
            FunctionBuildFixture.WorkDirectory(),
            ApiPort: 0,
            SqsPort: 0,
            DynamoDbPort: 0,
            XRayPort: 0,
            FunctionBuildMode.Auto,
            KeepTraces: false,
            FunctionConcurrency: 4,
            VisibilityTimeoutOverride: TimeSpan.FromSeconds(3),
            SampleAll: true),
        Orders: orders,
        Concurrency: 4,
        Seed: 7,
        Timeout: TimeSpan.FromMinutes(5),
        faults);
}

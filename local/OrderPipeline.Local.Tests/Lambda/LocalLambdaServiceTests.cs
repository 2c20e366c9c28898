using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Tests.Lambda;

public sealed class LocalLambdaServiceTests
{
    private static readonly LambdaServiceSettings Settings = new("eu-west-1", new Dictionary<string, string>());

    [Fact]
    public async Task InvokeAsync_KnownFunction_RunsItsProcess()
    {
        await using var service = new LocalLambdaService(
            [Shell("First", "exit 4"), Shell("Second", "exit 5")], Settings, _ => { });

        var result = await service.InvokeAsync("Second", "{}"u8.ToArray(), null, CancellationToken.None);

        Assert.Equal("Runtime exited with error: exit status 5", result.Error?.ErrorMessage);
    }

    [Fact]
    public async Task InvokeAsync_UnknownFunction_ThrowsKeyNotFound()
    {
        await using var service = new LocalLambdaService([Shell("First", "exit 0")], Settings, _ => { });

        await Assert.ThrowsAsync<KeyNotFoundException>(
            () => service.InvokeAsync("Missing", "{}"u8.ToArray(), null, CancellationToken.None));
    }

    [Fact]
    public void Constructor_DuplicateLogicalId_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => new LocalLambdaService([Shell("Same", "exit 0"), Shell("Same", "exit 0")], Settings, _ => { }));
    }

    [Fact]
    public async Task DisposeAsync_InvocationRunning_EndsIt()
    {
        var service = new LocalLambdaService([Shell("Sleeper", "sleep 60")], Settings, _ => { });
        var running = service.InvokeAsync("Sleeper", "{}"u8.ToArray(), null, CancellationToken.None);

        await service.DisposeAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    // Lambda refuses an invocation beyond the function's reserved concurrency, or beyond what the account leaves
    // unreserved, at once: Invoke answers 429 TooManyRequestsException with the Reason.
    // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
    [Fact]
    public async Task InvokeAsync_BeyondTheReservationOrTheAccount_ThrowsTooManyRequestsAtOnce()
    {
        await using var service = new LocalLambdaService(
            [Shell("Reserved", "sleep 60", reserved: 1) with { Name = ReservedName }, Shell("Shared", "sleep 60"), Shell("Other", "exit 0")],
            Settings with { AccountConcurrency = 102 },
            _ => { });
        var reserved = service.InvokeAsync(ReservedName, "{}"u8.ToArray(), null, CancellationToken.None);
        var shared = service.InvokeAsync("Shared", "{}"u8.ToArray(), null, CancellationToken.None);
        var sharedMore = Enumerable.Range(0, 100).Select(_ => service.InvokeAsync("Shared", "{}"u8.ToArray(), null, CancellationToken.None)).ToList();

        var overReservation = await Assert.ThrowsAsync<TooManyRequestsException>(
            () => service.InvokeAsync(ReservedName, "{}"u8.ToArray(), null, CancellationToken.None));
        var overAccount = await Assert.ThrowsAsync<TooManyRequestsException>(
            () => service.InvokeAsync("Other", "{}"u8.ToArray(), null, CancellationToken.None));

        Assert.Equal(TooManyRequestsException.ReservedFunctionLimit, overReservation.Reason);
        Assert.Equal(TooManyRequestsException.AccountLimit, overAccount.Reason);
        Assert.Equal((102, 101), (service.AccountConcurrency, service.UnreservedConcurrency));
        Assert.False(reserved.IsCompleted || shared.IsCompleted);
        Assert.All(sharedMore, waiting => Assert.False(waiting.IsCompleted));
    }

    // This machine's limit is another thing: an invocation within Lambda's concurrency that finds every process of its
    // function busy waits for one (Lambda would start another environment); it is never throttled for it.
    [Fact]
    public async Task InvokeAsync_BeyondThisMachinesProcessesWithinTheAccount_WaitsInsteadOfThrottling()
    {
        var service = new LocalLambdaService([Shell("Sleeper", "sleep 60")], Settings, _ => { });
        var running = service.InvokeAsync("Sleeper", "{}"u8.ToArray(), null, CancellationToken.None);
        var waiting = service.InvokeAsync("Sleeper", "{}"u8.ToArray(), null, CancellationToken.None);
        var waitedBeforeDisposal = !waiting.IsCompleted;

        await service.DisposeAsync();

        Assert.True(waitedBeforeDisposal);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    /// <summary>A deployed name unlike the logical id: the reservation follows the function Invoke names.</summary>
    private const string ReservedName = "stack-Reserved-ABCDEFGHIJ12";

    private static LocalFunction Shell(string logicalId, string script, int? reserved = null) => new(
        logicalId, "/bin/sh", ["-c", script], Path.GetTempPath(), new Dictionary<string, string>(), TimeSpan.FromMinutes(5), 128, 1,
        ReservedConcurrentExecutions: reserved);
}

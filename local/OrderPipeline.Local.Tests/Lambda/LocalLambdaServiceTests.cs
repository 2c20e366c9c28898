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

    private static LocalFunction Shell(string logicalId, string script) => new(
        logicalId, "/bin/sh", ["-c", script], Path.GetTempPath(), new Dictionary<string, string>(), TimeSpan.FromMinutes(5), 128, 1);
}

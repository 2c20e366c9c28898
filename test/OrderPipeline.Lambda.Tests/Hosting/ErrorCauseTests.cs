using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Hosting;
using OrderPipeline.Lambda.Tests.Support;
using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Lambda.Tests.Hosting;

/// <summary>
/// The <c>Lambda-Runtime-Function-XRay-Error-Cause</c> header, as a Runtime API on loopback receives it: the X-Ray
/// <c>cause</c> object (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-errors)
/// that AWS's runtime clients send with <c>/invocation/{id}/error</c>, bounded below 1 MiB as they bound it.
/// </summary>
public sealed class ErrorCauseTests : IAsyncLifetime
{
    private HostHarness _host = null!;

    public async Task InitializeAsync() => _host = await HostHarness.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunAsync_HandlerThrowsWithAnInnerException_PostsTheCauseWithBothLinked()
    {
        _host.StartProxy((_, _, _) => Task.FromResult(ThrowWrapped()));
        var invocation = _host.Enqueue("{}");

        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        var cause = ReadCause(post);
        Assert.Equal(["working_directory", "paths", "exceptions"], cause.EnumerateObject().Select(p => p.Name));
        Assert.Equal("/var/task", cause.GetProperty("working_directory").GetString());
        var exceptions = cause.GetProperty("exceptions").EnumerateArray().ToList();
        Assert.Equal(2, exceptions.Count);
        var (outer, inner) = (exceptions[0], exceptions[1]);
        Assert.Equal(("InvalidOperationException", "The order could not be queued"),
            (outer.GetProperty("type").GetString(), outer.GetProperty("message").GetString()));
        Assert.Equal(("TimeoutException", "SQS did not answer"),
            (inner.GetProperty("type").GetString(), inner.GetProperty("message").GetString()));
        Assert.Matches("^[0-9a-f]{16}$", outer.GetProperty("id").GetString()!);
        Assert.Matches("^[0-9a-f]{16}$", inner.GetProperty("id").GetString()!);
        Assert.Equal(inner.GetProperty("id").GetString(), outer.GetProperty("cause").GetString());
        Assert.False(inner.TryGetProperty("cause", out _));
        Assert.Contains(outer.GetProperty("stack").EnumerateArray(), f => f.GetProperty("label").GetString()!.Contains(nameof(ThrowWrapped), StringComparison.Ordinal));
        Assert.Contains(inner.GetProperty("stack").EnumerateArray(), f => f.GetProperty("label").GetString()!.Contains(nameof(ThrowTimeout), StringComparison.Ordinal));
        var framePaths = exceptions.SelectMany(e => e.GetProperty("stack").EnumerateArray())
            .Where(f => f.TryGetProperty("path", out _)).Select(f => f.GetProperty("path").GetString()).Distinct();
        Assert.Equal(framePaths, cause.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task RunAsync_InitializeThrows_PostsTheCauseWithTheInitError()
    {
        _host.WorkingDirectory = "/var/task/init";
        _host.Start<ApiGatewayProxyRequest, ApiGatewayProxyResponse>(
            _ => throw new InvalidOperationException("ORDERS_QUEUE_URL is not set"),
            LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
            LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

        var post = await _host.Server.WaitForInitErrorAsync();

        var cause = ReadCause(post);
        Assert.Equal("/var/task/init", cause.GetProperty("working_directory").GetString());
        var exception = Assert.Single(cause.GetProperty("exceptions").EnumerateArray());
        Assert.Equal(("InvalidOperationException", "ORDERS_QUEUE_URL is not set"),
            (exception.GetProperty("type").GetString(), exception.GetProperty("message").GetString()));
        Assert.NotEqual(0, exception.GetProperty("stack").GetArrayLength());
    }

    [Fact]
    public async Task RunAsync_UnreadableEvent_PostsTheCauseOfTheUnmarshalError()
    {
        _host.StartProxy();
        var invocation = _host.EnqueueRaw("{not json");

        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        var exception = ReadCause(post).GetProperty("exceptions")[0];
        Assert.Equal("JsonException", exception.GetProperty("type").GetString());
    }

    [Fact]
    public async Task RunAsync_HugeMessageAndDeepStack_PostsACauseBelowTheBound()
    {
        var message = new string('m', 2 * ErrorCause.MaxBytes);
        _host.StartProxy((_, _, _) => Task.FromResult(Recurse(200, message)));
        var invocation = _host.Enqueue("{}");

        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        Assert.InRange(Encoding.ASCII.GetByteCount(post.XRayErrorCause!), 1, ErrorCause.MaxBytes - 1);
        var exception = Assert.Single(ReadCause(post).GetProperty("exceptions").EnumerateArray());
        var written = exception.GetProperty("message").GetString()!;
        Assert.Equal(ErrorCause.ShortMessageChars, written.Length);
        Assert.EndsWith("m...", written, StringComparison.Ordinal);
        var frames = exception.GetProperty("stack").GetArrayLength();
        Assert.Equal(ErrorCause.MaxStackFrames, frames);
        Assert.InRange(exception.GetProperty("truncated").GetInt32(), 200 - ErrorCause.MaxStackFrames, int.MaxValue);
        Assert.Equal("InvalidOperationException", post.ErrorType);
    }

    [Fact]
    public async Task RunAsync_NonAsciiAndControlCharacters_SendsAsciiJsonThatReadsBackTheSame()
    {
        const string Message = "Bestellung für Zoë: 12 €\r\nzweite Zeile\t\u007f \"quoted\" <tag> & '+'";
        _host.StartProxy((_, _, _) => throw new InvalidOperationException(Message));
        var invocation = _host.Enqueue("{}");

        var post = await _host.Server.WaitForResultAsync(invocation.RequestId);

        var header = post.XRayErrorCause!;
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(Message, ReadCause(post).GetProperty("exceptions")[0].GetProperty("message").GetString());
    }

    [Fact]
    public void Create_MessageWithALoneSurrogate_WritesTheReplacementCharacter()
    {
        var value = ErrorCause.Create(new InvalidOperationException("half a pair: \ud83d!"), "/var/task");

        Assert.NotNull(value);
        using var cause = JsonDocument.Parse(value);
        Assert.Equal("half a pair: \ufffd!", cause.RootElement.GetProperty("exceptions")[0].GetProperty("message").GetString());
    }

    [Fact]
    public void Create_EvenTheShortestFormTooLarge_ReturnsNoHeaderAsAwsClientsDo()
    {
        var workingDirectory = "/" + new string('d', ErrorCause.MaxBytes);

        var value = ErrorCause.Create(new InvalidOperationException("boom"), workingDirectory);

        Assert.Null(value);
    }

    [Fact]
    public void Create_ManyLongMessages_DropsStacksAndCutsMessagesToFit()
    {
        Exception exception = new InvalidOperationException(new string('x', ErrorCause.MaxBytes / 4));
        for (var i = 0; i < 9; i++)
        {
            exception = new InvalidOperationException(new string('x', ErrorCause.MaxBytes / 4), exception);
        }

        var value = ErrorCause.Create(exception, "/var/task");

        Assert.NotNull(value);
        Assert.InRange(value.Length, 1, ErrorCause.MaxBytes - 1);
        using var cause = JsonDocument.Parse(value);
        var exceptions = cause.RootElement.GetProperty("exceptions").EnumerateArray().ToList();
        Assert.Equal(10, exceptions.Count);
        Assert.All(exceptions, e => Assert.True(e.GetProperty("message").GetString()!.Length <= ErrorCause.ShortMessageChars));
    }

    [Fact]
    public void Create_ChainDeeperThanTheBound_KeepsTheOutermostTen()
    {
        Exception exception = new TimeoutException("innermost");
        for (var i = 0; i < 14; i++)
        {
            exception = new InvalidOperationException($"level {i}", exception);
        }

        using var cause = JsonDocument.Parse(ErrorCause.Create(exception, "/var/task")!);

        var exceptions = cause.RootElement.GetProperty("exceptions").EnumerateArray().ToList();
        Assert.Equal(10, exceptions.Count);
        Assert.Equal("level 13", exceptions[0].GetProperty("message").GetString());
        Assert.Equal(exceptions[9].GetProperty("id").GetString(), exceptions[8].GetProperty("cause").GetString());
    }

    private static JsonElement ReadCause(RuntimeApiPost post)
    {
        Assert.NotNull(post.XRayErrorCause);
        using var document = JsonDocument.Parse(post.XRayErrorCause);
        return document.RootElement.Clone();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ApiGatewayProxyResponse ThrowWrapped()
    {
        try
        {
            ThrowTimeout();
            return new ApiGatewayProxyResponse();
        }
        catch (TimeoutException timeout)
        {
            throw new InvalidOperationException("The order could not be queued", timeout);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTimeout() => throw new TimeoutException("SQS did not answer");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ApiGatewayProxyResponse Recurse(int depth, string message) =>
        depth == 0 ? throw new InvalidOperationException(message) : Recurse(depth - 1, message);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace OrderPipeline.Local.Cli.Bench.Sqs;

/// <summary>
/// One AWSSDK.SQS client in a process of its own (this command line, started again with <see cref="CommandName"/>), so
/// that the process serving SQS and the client each have a CPU figure of their own. The driver warms up, then runs
/// rounds; before each it writes <c>ready</c> and waits for <c>go</c> on its standard input, and after it writes
/// <c>done &lt;client CPU ns&gt; &lt;elapsed ns&gt;</c>. The parent reads its own CPU at <c>go</c> and at <c>done</c>:
/// while a round runs, the parent does nothing but serve the requests.
/// </summary>
internal static class SdkClientDriver
{
    /// <summary>The hidden command that runs the driver side.</summary>
    public const string CommandName = "bench-sqs-client";

    private const string Ready = "ready";
    private const string Go = "go";
    private const string Done = "done";
    private const string Region = "us-east-1";

    /// <summary>
    /// Starts the driver against <paramref name="queueUrl"/> and measures <paramref name="rounds"/> rounds of
    /// <paramref name="messages"/> SendMessage calls, <paramref name="concurrency"/> in flight, after
    /// <paramref name="warmUp"/> calls that are not counted. The caller's process must be the one serving the queue.
    /// </summary>
    /// <exception cref="InvalidOperationException">The driver failed or broke the exchange.</exception>
    public static async Task<IReadOnlyList<SdkClientRound>> MeasureAsync(
        string queueUrl, string sqsEventPath, int messages, int concurrency, int warmUp, int rounds, CancellationToken cancellationToken)
    {
        var startInfo = SelfStartInfo();
        foreach (var argument in new[]
        {
            CommandName, queueUrl, sqsEventPath, Invariant(messages), Invariant(concurrency), Invariant(warmUp), Invariant(rounds),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var driver = Process.Start(startInfo) ?? throw new InvalidOperationException("The SDK client driver did not start.");
        var errors = new StringBuilder();
        driver.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        driver.BeginErrorReadLine();
        try
        {
            var results = new List<SdkClientRound>();
            for (var round = 0; round < rounds; round++)
            {
                await ExpectAsync(driver, Ready, errors, cancellationToken).ConfigureAwait(false);
                var before = Environment.CpuUsage.TotalTime;
                await driver.StandardInput.WriteLineAsync(Go).ConfigureAwait(false);
                await driver.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
                var done = await ExpectAsync(driver, Done, errors, cancellationToken).ConfigureAwait(false);
                var stackCpu = Environment.CpuUsage.TotalTime - before;
                var fields = done.Split(' ');
                var clientCpu = TimeSpan.FromTicks(long.Parse(fields[1], CultureInfo.InvariantCulture) / 100);
                var elapsed = TimeSpan.FromTicks(long.Parse(fields[2], CultureInfo.InvariantCulture) / 100);
                results.Add(new SdkClientRound(
                    stackCpu.TotalMilliseconds / messages, clientCpu.TotalMilliseconds / messages, messages / elapsed.TotalSeconds));
            }

            await driver.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return driver.ExitCode == 0
                ? results
                : throw new InvalidOperationException($"The SDK client driver exited with {driver.ExitCode}: {Errors(errors)}");
        }
        finally
        {
            if (!driver.HasExited)
            {
                driver.Kill();
            }
        }
    }

    /// <summary>The driver side: what <see cref="CommandName"/> runs. Returns the process exit code.</summary>
    public static async Task<int> DriveAsync(
        string queueUrl, string body, int messages, int concurrency, int warmUp, int rounds,
        TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var queue = new Uri(queueUrl);
        using var client = Client(queue.GetLeftPart(UriPartial.Authority));
        await SendAllAsync(client, queueUrl, body, warmUp, concurrency, cancellationToken).ConfigureAwait(false);
        for (var round = 0; round < rounds; round++)
        {
            await output.WriteLineAsync(Ready).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) != Go)
            {
                return 1;
            }

            var before = Environment.CpuUsage.TotalTime;
            var elapsed = await SendAllAsync(client, queueUrl, body, messages, concurrency, cancellationToken).ConfigureAwait(false);
            var cpu = Environment.CpuUsage.TotalTime - before;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"{Done} {cpu.Ticks * 100} {elapsed.Ticks * 100}")).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>An AWSSDK.SQS client as an application builds one: static credentials, the endpoint, no retries.</summary>
    public static AmazonSQSClient Client(string serviceUrl) => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonSQSConfig { ServiceURL = serviceUrl, AuthenticationRegion = Region, MaxErrorRetry = 0 });

    /// <summary>Sends <paramref name="count"/> messages, <paramref name="concurrency"/> at once; returns the wall time.</summary>
    public static async Task<TimeSpan> SendAllAsync(
        AmazonSQSClient client, string queueUrl, string body, int count, int concurrency, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (_, token) => await client.SendMessageAsync(new SendMessageRequest(queueUrl, body), token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return clock.Elapsed;
    }

    /// <summary>This command line again: its apphost, or <c>dotnet</c> with its assembly when run that way.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var startInfo = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The client runs as an application would: with the runtime's default dynamic PGO, which this command line turns
        // off for the stack (an environment variable wins over runtimeconfig.json).
        startInfo.Environment["DOTNET_TieredPGO"] = "1";
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            startInfo.ArgumentList.Add(typeof(SdkClientDriver).Assembly.Location);
        }

        return startInfo;
    }

    private static async Task<string> ExpectAsync(Process driver, string word, StringBuilder errors, CancellationToken cancellationToken)
    {
        var line = await driver.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return line is not null && (line == word || line.StartsWith(word + " ", StringComparison.Ordinal))
            ? line
            : throw new InvalidOperationException($"The SDK client driver wrote '{line}' where '{word}' was due: {Errors(errors)}");
    }

    private static string Errors(StringBuilder errors)
    {
        lock (errors)
        {
            return errors.ToString().Trim();
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One measured round of the separate-process SDK client.</summary>
/// <param name="StackCpuMs">The serving process' CPU per SendMessage (user + system, all its threads).</param>
/// <param name="ClientCpuMs">The client process' CPU per SendMessage.</param>
/// <param name="SendsPerSecond">SendMessage calls per second the client made.</param>
internal sealed record SdkClientRound(double StackCpuMs, double ClientCpuMs, double SendsPerSecond)
{
    public double StackToClient => StackCpuMs / Math.Max(ClientCpuMs, 1e-9);
}

using System.Diagnostics;
using System.Text.Json;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers;
using SqsEndpoint = OrderPipeline.TestHelpers.Sqs.SqsEndpoint;

namespace OrderPipeline.Local.Tests.Sqs;

// A client this project did not write: Debian 12's AWS CLI (package awscli 2.9.19), whose botocore still speaks SQS's
// query protocol (form-encoded requests, XML answers), as `up`'s printed example runs it. Each test checks that the
// requests really were query protocol, so a CLI that moved to JSON would fail here rather than pass unnoticed.
public sealed class SqsAwsCliTests
{
    private const string AwsCli = "/usr/bin/aws";
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task AwsCli_QueueAndMessageLifecycle_WorksOverTheQueryProtocol()
    {
        RequireAwsCli();
        await using var endpoint = await SqsEndpoint.StartAsync();

        var created = await RunAsync(endpoint, "create-queue", "--queue-name", "cli-orders",
            "--attributes", "VisibilityTimeout=45");
        var queueUrl = created.GetProperty("QueueUrl").GetString()!;
        var sent = await RunAsync(endpoint, "send-message", "--queue-url", queueUrl, "--message-body", "hello\r\nworld",
            "--message-attributes", """{"orderId":{"DataType":"String","StringValue":"o-1"}}""");
        var batch = await RunAsync(endpoint, "send-message-batch", "--queue-url", queueUrl,
            "--entries", """[{"Id":"a","MessageBody":"first"},{"Id":"b","MessageBody":"second","DelaySeconds":901}]""");
        var received = await RunAsync(endpoint, "receive-message", "--queue-url", queueUrl, "--max-number-of-messages", "10",
            "--attribute-names", "All", "--message-attribute-names", "All");
        var messages = received.GetProperty("Messages").EnumerateArray().ToList();
        foreach (var message in messages)
        {
            await RunAsync(endpoint, "delete-message", "--queue-url", queueUrl,
                "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
        }

        var attributes = (await RunAsync(endpoint, "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "All"))
            .GetProperty("Attributes");
        var listed = await RunAsync(endpoint, "list-queues");

        Assert.Equal(endpoint.QueueUrl("cli-orders"), queueUrl);
        var accepted = endpoint.Messages;
        Assert.Equal(["hello\r\nworld", "first"], accepted.Select(message => message.Body));
        Assert.Equal(accepted[0].MessageId, sent.GetProperty("MessageId").GetString());
        Assert.Equal(SqsMessageDigest.OfBody("hello\r\nworld"), sent.GetProperty("MD5OfMessageBody").GetString());
        Assert.Equal(SqsMessageDigest.OfAttributes(accepted[0].MessageAttributes), sent.GetProperty("MD5OfMessageAttributes").GetString());
        Assert.Equal("a", Assert.Single(batch.GetProperty("Successful").EnumerateArray()).GetProperty("Id").GetString());
        var failed = Assert.Single(batch.GetProperty("Failed").EnumerateArray());
        Assert.Equal(("b", "InvalidParameterValue", true),
            (failed.GetProperty("Id").GetString(), failed.GetProperty("Code").GetString(), failed.GetProperty("SenderFault").GetBoolean()));

        Assert.Equal(["first", "hello\r\nworld"], messages.Select(message => message.GetProperty("Body").GetString()).Order(StringComparer.Ordinal));
        var withAttribute = messages.Single(message => message.GetProperty("Body").GetString() == "hello\r\nworld");
        Assert.Equal("o-1", withAttribute.GetProperty("MessageAttributes").GetProperty("orderId").GetProperty("StringValue").GetString());
        Assert.Equal("1", withAttribute.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());

        Assert.Equal("45", attributes.GetProperty("VisibilityTimeout").GetString());
        Assert.Equal("0", attributes.GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.Equal("0", attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:cli-orders", attributes.GetProperty("QueueArn").GetString());
        Assert.Equal([queueUrl], listed.GetProperty("QueueUrls").EnumerateArray().Select(url => url.GetString()));

        Assert.All(endpoint.Requests, request =>
            Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal));
        Assert.Equal(
            ["CreateQueue", "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessage",
             "GetQueueAttributes", "ListQueues"],
            endpoint.Requests.Select(request => request.Operation));
    }

    [SkippableFact]
    public async Task AwsCli_UnknownQueue_FailsWithTheQueryErrorCode()
    {
        RequireAwsCli();
        await using var endpoint = await SqsEndpoint.StartAsync();

        var (exitCode, _, stderr) = await RunRawAsync(endpoint, "get-queue-url", "--queue-name", "missing");

        // 254: the service answered with an error (https://docs.aws.amazon.com/cli/latest/topic/return-codes.html);
        // the CLI names the error by the <Code> it parsed from the ErrorResponse document.
        Assert.Equal(254, exitCode);
        Assert.Contains("(AWS.SimpleQueueService.NonExistentQueue)", stderr, StringComparison.Ordinal);
        Assert.Equal("GetQueueUrl", Assert.Single(endpoint.Requests).Operation);
    }

    private static void RequireAwsCli() =>
        OptionalPrerequisite.Require(
            File.Exists(AwsCli),
            $"Debian's AWS CLI (package awscli 2.9.19, which speaks SQS's query protocol) is not installed at {AwsCli}.",
            "install it (as .ci/run does): apt-get update && apt-get install -y awscli");

    private static async Task<JsonElement> RunAsync(SqsEndpoint endpoint, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunRawAsync(endpoint, arguments);
        Assert.True(exitCode == 0, $"aws sqs {arguments[0]} exited with {exitCode}: {stderr}");
        using var document = JsonDocument.Parse(stdout.Length == 0 ? "{}" : stdout);
        return document.RootElement.Clone();
    }

    /// <summary>Runs <c>aws --endpoint-url … sqs …</c> with placeholder credentials and no user configuration.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunRawAsync(
        SqsEndpoint endpoint, params string[] arguments)
    {
        var start = new ProcessStartInfo(AwsCli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--endpoint-url", endpoint.ServiceUrl, "--output", "json", "sqs", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "local";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment.Remove("AWS_ENDPOINT_URL");
        start.Environment.Remove("AWS_ENDPOINT_URL_SQS");
        start.Environment.Remove("AWS_PROFILE");

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(CliTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

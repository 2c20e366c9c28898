using System.CommandLine;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Otlp;
using OrderPipeline.Local.Otlp.Forwarding;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>The <c>up</c> command line: starts the whole stack on fixed ports and serves until Ctrl+C.</summary>
internal static class UpCommand
{
    public const int DefaultApiPort = 3000;
    public const int DefaultSqsPort = 9324;
    public const int DefaultXRayPort = 2000;
    public const int DefaultDynamoDbPort = 8000;

    public static Command Create()
    {
        var common = new CommonOptions();
        var apiPort = Port("--api-port", DefaultApiPort, "API Gateway's port.");
        var sqsPort = Port("--sqs-port", DefaultSqsPort, "The SQS endpoint's port.");
        var dynamoDbPort = Port("--dynamodb-port", DefaultDynamoDbPort, "The DynamoDB endpoint's port.");
        var xrayPort = Port("--xray-port", DefaultXRayPort, "The X-Ray daemon's UDP port and the X-Ray API's TCP port.");
        var otlpPort = Port("--otlp-port", OtlpHttpReceiver.DefaultPort, "The OTLP/HTTP traces receiver's port (POST /v1/traces).");
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "How many processes of each function this machine runs at once (a local limit: an invocation beyond it waits; Lambda's limits are the template's and --account-concurrency).",
            DefaultValueFactory = _ => StackOptions.DefaultFunctionConcurrency,
        };
        // Read once here, the composition root: the options' defaults come from the environment, then the built-in key.
        var fromEnvironment = LocalCredentials.FromEnvironment(Environment.GetEnvironmentVariable);
        var accessKeyId = new Option<string>("--access-key-id")
        {
            Description = $"The access key id API Gateway accepts on AWS_IAM methods (default: ${LocalCredentials.AccessKeyIdVariable}, else {LocalCredentials.Default.AccessKeyId}).",
            DefaultValueFactory = _ => fromEnvironment.AccessKeyId,
        };
        var secretAccessKey = new Option<string>("--secret-access-key")
        {
            Description = $"Its secret access key (default: ${LocalCredentials.SecretAccessKeyVariable}, else the built-in one).",
            DefaultValueFactory = _ => fromEnvironment.SecretAccessKey,
        };
        var sampleAll = new Option<bool>("--sample-all")
        {
            Description = "Record every request and queue batch in X-Ray. Without it the stack samples as AWS does: the "
                + "template's sampling rules, then 1 request a second and 5% of the rest; Lambda 1 batch a second, then 5%.",
        };
        var otlpEndpoint = OtlpEndpoint();
        var failures = Share("--sqs-failure-share", "A share of SQS requests (0 to 1) answered 500 InternalError.");
        var throttles = Share("--sqs-throttle-share", "A share of SQS requests (0 to 1) answered RequestThrottled.");
        var command = new Command("up", "Starts API Gateway, Lambda, SQS, the event source mappings and X-Ray, and serves until Ctrl+C.")
        {
            apiPort, sqsPort, dynamoDbPort, xrayPort, otlpPort, concurrency, accessKeyId, secretAccessKey, sampleAll, failures, throttles,
            otlpEndpoint,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(failures) + result.GetValue(throttles) > 1)
            {
                result.AddError("--sqs-failure-share and --sqs-throttle-share add up to more than 1.");
            }

            // A command's validator sees an option left out as absent, not as its default: hence the receiver's port by hand.
            if (result.GetResult(otlpEndpoint) is { Tokens: [var token] }
                && OtlpForwarder.TryResolveEndpoint(token.Value, out var forwardTo, out _)
                && forwardTo is { IsLoopback: true } && forwardTo.Port == (result.GetResult(otlpPort)?.GetValueOrDefault<int>() ?? OtlpHttpReceiver.DefaultPort))
            {
                // The stack would store what it forwards and forward what it stores, for ever.
                result.AddError(FormattableString.Invariant($"--otlp-endpoint {forwardTo} is the stack's own OTLP receiver (--otlp-port {forwardTo.Port}): give the backend, or the receiver, another port."));
            }
        });
        common.AddTo(command);
        common.AddLimitsTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new StackOptions(
                parse.GetValue(common.Template)!.FullName,
                parse.GetValue(common.DataDirectory)!.FullName,
                parse.GetValue(apiPort),
                parse.GetValue(sqsPort),
                parse.GetValue(dynamoDbPort),
                parse.GetValue(xrayPort),
                parse.GetValue(common.Build),
                KeepTraces: true,
                Math.Max(1, parse.GetValue(concurrency)),
                SqsFaults: new SqsFaultRates(parse.GetValue(failures), parse.GetValue(throttles), Environment.TickCount),
                Credentials: new LocalCredentials(parse.GetValue(accessKeyId)!, parse.GetValue(secretAccessKey)!),
                StackName: parse.GetValue(common.StackName),
                ParameterOverrides: common.Overrides(parse),
                AccountConcurrency: parse.GetValue(common.AccountConcurrency),
                SampleAll: parse.GetValue(sampleAll),
                OtlpPort: parse.GetValue(otlpPort),
                OtlpEndpoint: parse.GetValue(otlpEndpoint));
            var printer = new StackPrinter(Console.Out, ConsoleStyle.ForConsole(), showFunctionLogs: true);
            await using var stack = await EmulatedStack.StartAsync(options, printer.Progress, cancellationToken).ConfigureAwait(false);
            var samplePath = Path.Combine(options.TemplateDirectory, "events", "api-post-order.json");
            var sample = File.Exists(samplePath) ? SampleRequest.Load(samplePath) : null;
            foreach (var line in StackEndpoints.Describe(stack, options, sample).Concat(stack.DescribeSampling()))
            {
                printer.Output.WriteLine(line);
            }

            if (options.OtlpEndpoint is { } forwardingTo)
            {
                printer.Output.WriteLine($"OpenTelemetry: every trace the stack holds is forwarded to {forwardingTo} (OTLP/HTTP protobuf, about once a second).");
            }

            printer.Output.WriteLine("Limits:");
            foreach (var line in StackLimits.Describe(stack, options))
            {
                printer.Output.WriteLine("  " + line);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                printer.Progress.Status("Stopping");
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>--otlp-endpoint</c>: a base URL (<c>/v1/traces</c> is appended) or the full traces URL.</summary>
    internal static Option<Uri?> OtlpEndpoint() => new("--otlp-endpoint")
    {
        Description = "Forward every trace the stack holds (API Gateway, Lambda, SQS and DynamoDB segments and the functions' own, "
            + "as OpenTelemetry spans with their links) to this OTLP/HTTP endpoint, e.g. http://localhost:4319 (the Aspire "
            + "dashboard's or Jaeger's); /v1/traces is appended unless the URL ends with it.",
        CustomParser = result =>
        {
            var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (OtlpForwarder.TryResolveEndpoint(value, out var endpoint, out var error))
            {
                return endpoint;
            }

            result.AddError($"--otlp-endpoint: {error}");
            return null;
        },
    };

    private static Option<double> Share(string name, string description)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => 0 };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 1)
            {
                result.AddError($"{name} must be between 0 and 1.");
            }
        });
        return option;
    }

    private static Option<int> Port(string name, int defaultPort, string description) => new(name)
    {
        Description = description + " 0 picks a free one.",
        DefaultValueFactory = _ => defaultPort,
    };
}

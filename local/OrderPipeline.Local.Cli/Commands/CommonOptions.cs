using System.CommandLine;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>The options every command shares: the template, the data directory and how functions are built.</summary>
internal sealed class CommonOptions
{
    public Option<FileInfo> Template { get; } = new("--template", "-t")
    {
        Description = "The SAM template.",
        DefaultValueFactory = _ => new FileInfo("template.yaml"),
    };

    public Option<DirectoryInfo> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Where builds (and, for up, traces) are kept.",
        DefaultValueFactory = _ => new DirectoryInfo(".orderpipeline"),
    };

    public Option<string?> StackName { get; } = new("--stack-name")
    {
        Description = "The stack whose deployed names the resources take (<stack>-<LogicalId>-<suffix>, the API titled "
            + "with it); default: stack_name in the samconfig.toml beside the template, else " + LocalAccount.DefaultStackName + ".",
    };

    public Option<FunctionBuildMode> Build { get; } = new("--build")
    {
        Description = "How functions are built: Auto (Native AOT where possible, as sam build does here), Aot, ReadyToRun, "
            + "or Jit (quickest to build, for the inner loop).",
        DefaultValueFactory = _ => FunctionBuildMode.Auto,
    };

    /// <summary>Template parameter values, written as <c>sam deploy --parameter-overrides</c> takes them.</summary>
    public Option<string[]> ParameterOverrides { get; } = CreateParameterOverrides();

    /// <summary>The Lambda concurrency quota the local account plays (AWS's default 1,000; new accounts often get 10).</summary>
    public Option<int> AccountConcurrency { get; } = CreateAccountConcurrency();

    /// <summary>
    /// <c>Key=Value</c> pairs (a value may be quoted, as <c>sam deploy</c> writes <c>LogLevel="DEBUG"</c>), later pairs
    /// winning; null when none is given.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Overrides(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var given = parse.GetValue(ParameterOverrides) ?? [];
        if (given.Length == 0)
        {
            return null;
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in given)
        {
            var (name, value) = SplitOverride(pair)!.Value;
            overrides[name] = value;
        }

        return overrides;
    }

    /// <summary>Splits <c>Name=Value</c> (or <c>ParameterKey=Name,ParameterValue=Value</c>); null when it is neither.</summary>
    public static (string Name, string Value)? SplitOverride(string pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        const string keyPrefix = "ParameterKey=";
        const string valuePrefix = ",ParameterValue=";
        if (pair.StartsWith(keyPrefix, StringComparison.Ordinal) && pair.IndexOf(valuePrefix, StringComparison.Ordinal) is var at and > 0)
        {
            return (pair[keyPrefix.Length..at], Unquote(pair[(at + valuePrefix.Length)..]));
        }

        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 ? (pair[..equals], Unquote(pair[(equals + 1)..])) : null;
    }

    /// <summary>
    /// The stack <c>demo</c> and <c>trial</c> run: every endpoint on a free port, traces not kept, the queues'
    /// visibility timeout shortened so that retries and dead-lettering happen while they wait, and every request and
    /// batch recorded (<see cref="StackOptions.SampleAll"/>), since both check each order's trace end to end
    /// (docs/local-stack.md, known differences). Both print that choice when the stack starts.
    /// </summary>
    public StackOptions ShortLivedStack(ParseResult parse, int functionConcurrency) => new(
        parse.GetValue(Template)!.FullName,
        parse.GetValue(DataDirectory)!.FullName,
        ApiPort: 0,
        SqsPort: 0,
        DynamoDbPort: 0,
        XRayPort: 0,
        parse.GetValue(Build),
        KeepTraces: false,
        functionConcurrency,
        StackOptions.ShortVisibilityTimeout,
        StackName: parse.GetValue(StackName),
        ParameterOverrides: Overrides(parse),
        AccountConcurrency: parse.GetValue(AccountConcurrency),
        SampleAll: true);

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Template);
        command.Options.Add(DataDirectory);
        command.Options.Add(Build);
        command.Options.Add(StackName);
    }

    /// <summary>Adds <c>--parameter-overrides</c> and <c>--account-concurrency</c>, for the commands that start the stack.</summary>
    public void AddLimitsTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(ParameterOverrides);
        command.Options.Add(AccountConcurrency);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static Option<string[]> CreateParameterOverrides()
    {
        var option = new Option<string[]>("--parameter-overrides")
        {
            Description = "Template parameters, as sam deploy takes them: Name=Value ... (e.g. ApiThrottlingRateLimit=200 ApiThrottlingBurstLimit=400).",
            AllowMultipleArgumentsPerToken = true,
        };
        option.Validators.Add(result =>
        {
            foreach (var pair in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (SplitOverride(pair) is null)
                {
                    result.AddError($"--parameter-overrides: '{pair}' is not Name=Value.");
                }
            }
        });
        return option;
    }

    private static Option<int> CreateAccountConcurrency()
    {
        var option = new Option<int>("--account-concurrency")
        {
            Description = "The account's Lambda concurrency quota to emulate: beyond it invocations are throttled "
                + "(TooManyRequestsException; API Gateway answers 500). 1000 is AWS's default; new accounts often get 10.",
            DefaultValueFactory = _ => LambdaServiceSettings.DefaultAccountConcurrency,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--account-concurrency must be at least 1.");
            }
        });
        return option;
    }
}

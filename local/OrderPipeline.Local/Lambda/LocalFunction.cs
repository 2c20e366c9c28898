namespace OrderPipeline.Local.Lambda;

/// <summary>
/// One function as the local Lambda service runs it: the process to start for each instance and its settings.
/// </summary>
/// <param name="LogicalId">The function's logical id in template.yaml; also its <c>AWS_LAMBDA_FUNCTION_NAME</c>.</param>
/// <param name="ExecutablePath">The executable of an instance: the <c>bootstrap</c>, or <c>dotnet</c> for a JIT build.</param>
/// <param name="Arguments">Its arguments, e.g. the path of the function's dll after <c>dotnet</c>.</param>
/// <param name="WorkingDirectory">Where the process starts (<c>LAMBDA_TASK_ROOT</c>).</param>
/// <param name="Environment">The function's own variables (template <c>Environment.Variables</c>, resolved).</param>
/// <param name="Timeout">How long an invocation may run, counted from its dispatch (a cold start's init included).</param>
/// <param name="MemorySize">In MB, as <c>MemorySize</c> in the template; passed to the function, not enforced.</param>
/// <param name="MaxConcurrency">How many instances may run at once; invocations beyond it wait.</param>
/// <param name="LogFormat"><c>LoggingConfig.LogFormat</c>, <c>JSON</c> or <c>Text</c>: the instance's <c>AWS_LAMBDA_LOG_FORMAT</c>.</param>
/// <param name="ApplicationLogLevel">
/// <c>LoggingConfig.ApplicationLogLevel</c>: with the JSON format, the instance's <c>AWS_LAMBDA_LOG_LEVEL</c>
/// (INFO when null, Lambda's default).
/// </param>
public sealed record LocalFunction(
    string LogicalId,
    string ExecutablePath,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout,
    int MemorySize,
    int MaxConcurrency,
    string LogFormat = FunctionEnvironment.JsonLogFormat,
    string? ApplicationLogLevel = null);

using System.Globalization;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>The variables Lambda sets for a custom runtime, and the function's own log level, read once at start-up.</summary>
/// <remarks>
/// The log level is <c>LOG_LEVEL</c> when it is set, else <c>AWS_LAMBDA_LOG_LEVEL</c>, else INFO. Lambda's own filter
/// (<c>LoggingConfig.ApplicationLogLevel</c>, which it passes as <c>AWS_LAMBDA_LOG_LEVEL</c>) reads each output line's
/// <c>level</c> and treats a line without one, or without an RFC 3339 <c>timestamp</c>, as INFO
/// (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html). Above INFO it therefore
/// drops every Embedded Metric Format document and everything the process writes that is not this logger's JSON: a
/// .NET runtime crash on stderr, a native abort. So the template keeps Lambda's level at INFO or below and passes the
/// level a team chose as <c>LOG_LEVEL</c>, which this logger applies to its own lines only. Giving metric documents a
/// made-up <c>level</c> instead would have made them look like warnings or errors to anyone filtering logs, and could
/// never have kept output that the process did not write through this logger.
/// </remarks>
internal sealed record LambdaEnvironment(
    string? RuntimeApi,
    string FunctionName,
    string FunctionVersion,
    int MemoryLimitInMB,
    LogLevel LogLevel)
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";
    public const string FunctionVersionVariable = "AWS_LAMBDA_FUNCTION_VERSION";
    public const string MemorySizeVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    public const string LogLevelVariable = "AWS_LAMBDA_LOG_LEVEL";
    public const string ApplicationLogLevelVariable = "LOG_LEVEL";

    /// <summary>Never throws: an unset or unreadable optional variable gets its default.</summary>
    public static LambdaEnvironment Read(Func<string, string?> getEnvironmentVariable)
    {
        var runtimeApi = getEnvironmentVariable(RuntimeApiVariable);
        return new LambdaEnvironment(
            string.IsNullOrWhiteSpace(runtimeApi) ? null : runtimeApi.Trim(),
            getEnvironmentVariable(FunctionNameVariable) ?? string.Empty,
            getEnvironmentVariable(FunctionVersionVariable) ?? string.Empty,
            int.TryParse(getEnvironmentVariable(MemorySizeVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var memory)
                ? memory
                : 0,
            LogLevelNames.Parse(
                getEnvironmentVariable(ApplicationLogLevelVariable),
                LogLevelNames.Parse(getEnvironmentVariable(LogLevelVariable), LogLevel.Info)));
    }
}

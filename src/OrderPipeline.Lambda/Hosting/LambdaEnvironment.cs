using System.Globalization;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>The variables Lambda sets for a custom runtime, read once at start-up.</summary>
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
            LogLevelNames.Parse(getEnvironmentVariable(LogLevelVariable), LogLevel.Info));
    }
}

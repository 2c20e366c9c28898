using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>A function's <c>LoggingConfig</c>: <c>LogFormat</c> is <c>JSON</c> or <c>Text</c>.</summary>
internal sealed record FunctionLoggingConfig(string? LogFormat, string? ApplicationLogLevel, string? SystemLogLevel)
{
    /// <summary>Lambda's log format when a function has no <c>LoggingConfig</c> or names none.</summary>
    public const string DefaultLogFormat = "Text";

    /// <summary><paramref name="function"/> run with the format and level this configuration (or its absence) gives.</summary>
    public static LocalFunction Apply(FunctionLoggingConfig? logging, LocalFunction function) => function with
    {
        LogFormat = logging?.LogFormat ?? DefaultLogFormat,
        ApplicationLogLevel = logging?.ApplicationLogLevel,
    };
}

namespace OrderPipeline.Local.Template;

/// <summary>A function's <c>LoggingConfig</c>: <c>LogFormat</c> is <c>JSON</c> or <c>Text</c>.</summary>
internal sealed record FunctionLoggingConfig(string? LogFormat, string? ApplicationLogLevel, string? SystemLogLevel);

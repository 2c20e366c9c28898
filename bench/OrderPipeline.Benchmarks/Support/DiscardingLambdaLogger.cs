using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>
/// A logger with every level enabled that keeps nothing: handlers build their log fields as they would in Lambda, and
/// the benchmark does not grow with the lines (the JSON logger itself is internal to OrderPipeline.Lambda).
/// </summary>
internal sealed class DiscardingLambdaLogger : ILambdaLogger
{
    public bool IsEnabled(LogLevel level) => true;

    public void Log(LogLevel level, string message, Exception? exception, params ReadOnlySpan<LogField> fields)
    {
    }
}

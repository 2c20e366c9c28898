namespace OrderPipeline.Lambda.Logging;

/// <summary>Writes structured log records. Implementations never throw.</summary>
public interface ILambdaLogger
{
    bool IsEnabled(LogLevel level);

    void Log(LogLevel level, string message, Exception? exception, params ReadOnlySpan<LogField> fields);
}

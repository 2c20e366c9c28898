namespace OrderPipeline.Lambda.Logging;

/// <summary>Writes structured log records. Implementations never throw.</summary>
public interface ILambdaLogger
{
    bool IsEnabled(LogLevel level);

    void Log(LogLevel level, string message, Exception? exception, params ReadOnlySpan<LogField> fields);
}

/// <summary>One method per level; each asks <see cref="ILambdaLogger.IsEnabled"/> first, so a line below the level costs nothing.</summary>
public static class LambdaLoggerExtensions
{
    public static void Debug(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields) =>
        Write(logger, LogLevel.Debug, message, null, fields);

    public static void Info(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields) =>
        Write(logger, LogLevel.Info, message, null, fields);

    public static void Warn(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields) =>
        Write(logger, LogLevel.Warn, message, null, fields);

    public static void Error(
        this ILambdaLogger logger, Exception? exception, string message, params ReadOnlySpan<LogField> fields) =>
        Write(logger, LogLevel.Error, message, exception, fields);

    private static void Write(
        ILambdaLogger logger, LogLevel level, string message, Exception? exception, ReadOnlySpan<LogField> fields)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (logger.IsEnabled(level))
        {
            logger.Log(level, message, exception, fields);
        }
    }
}

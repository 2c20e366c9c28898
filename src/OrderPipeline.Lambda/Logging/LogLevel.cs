namespace OrderPipeline.Lambda.Logging;

/// <summary>Lambda's log levels, lowest first; written as TRACE, DEBUG, INFO, WARN, ERROR and FATAL.</summary>
public enum LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}

using System.Text.Json;

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

/// <summary>The level names Lambda uses in <c>AWS_LAMBDA_LOG_LEVEL</c> and in the <c>level</c> field of a JSON log line.</summary>
internal static class LogLevelNames
{
    private static readonly JsonEncodedText[] Encoded =
    [
        JsonEncodedText.Encode("TRACE"),
        JsonEncodedText.Encode("DEBUG"),
        JsonEncodedText.Encode("INFO"),
        JsonEncodedText.Encode("WARN"),
        JsonEncodedText.Encode("ERROR"),
        JsonEncodedText.Encode("FATAL"),
    ];

    public static JsonEncodedText ToJson(LogLevel level) => Encoded[(int)level];

    /// <summary>Reads a level name case-insensitively; anything else (or nothing) gives <paramref name="fallback"/>.</summary>
    public static LogLevel Parse(string? name, LogLevel fallback)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        for (var i = 0; i < Encoded.Length; i++)
        {
            if (string.Equals(Encoded[i].Value, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return (LogLevel)i;
            }
        }

        return fallback;
    }
}

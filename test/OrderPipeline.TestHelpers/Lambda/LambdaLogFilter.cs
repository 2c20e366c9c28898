using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>
/// Lambda's application log-level filter (<c>LoggingConfig.ApplicationLogLevel</c> with the JSON format), as
/// documented at https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html: each line of
/// stdout or stderr gets the level in its <c>"level"</c> key (TRACE, DEBUG, INFO, WARN, ERROR or FATAL, any case);
/// "If the "level" value field is invalid or missing, Lambda will assign the log output the level INFO", and so it does
/// when the line has no valid RFC 3339 timestamp or is not a JSON object at all. A line is sent to CloudWatch Logs when
/// its level is the configured one or more severe.
/// </summary>
/// <remarks>
/// Lambda also accepts timestamp keys named after other runtimes' conventions; this model reads only
/// <c>"timestamp"</c>, the key the functions write, so it can only be stricter than Lambda, never kinder.
/// </remarks>
public static partial class LambdaLogFilter
{
    private static readonly string[] Names = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

    /// <summary>The level Lambda gives <paramref name="line"/>.</summary>
    public static LogLevel LevelOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return LogLevel.Info;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("timestamp", out var timestamp)
                || !IsRfc3339(timestamp)
                || !root.TryGetProperty("level", out var level)
                || level.ValueKind != JsonValueKind.String)
            {
                return LogLevel.Info;
            }

            var index = Array.FindIndex(Names, name => string.Equals(name, level.GetString(), StringComparison.OrdinalIgnoreCase));
            return index < 0 ? LogLevel.Info : (LogLevel)index;
        }
    }

    /// <summary>Whether Lambda sends <paramref name="line"/> on when its application log level is <paramref name="configured"/>.</summary>
    public static bool Keeps(string line, LogLevel configured) => LevelOf(line) >= configured;

    /// <summary>What reaches CloudWatch Logs of <paramref name="lines"/> (stdout and stderr alike), in order.</summary>
    public static IReadOnlyList<string> Apply(IEnumerable<string> lines, LogLevel configured) =>
        [.. lines.Where(line => Keeps(line, configured))];

    /// <summary>Reads an <c>ApplicationLogLevel</c> value (TRACE…FATAL, any case).</summary>
    /// <exception cref="ArgumentException">Not a level Lambda accepts.</exception>
    public static LogLevel ParseLevel(string name)
    {
        var index = Array.FindIndex(Names, known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? throw new ArgumentException($"'{name}' is not a Lambda log level.", nameof(name)) : (LogLevel)index;
    }

    private static bool IsRfc3339(JsonElement timestamp) =>
        timestamp.ValueKind == JsonValueKind.String
        && timestamp.GetString() is { } text
        && Rfc3339().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}

using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>An <see cref="ILambdaLogger"/> that keeps every enabled record as a <see cref="TestLogEntry"/>. Thread-safe.</summary>
public sealed class TestLambdaLogger : ILambdaLogger
{
    private readonly Lock _lock = new();
    private readonly List<TestLogEntry> _entries = [];

    /// <summary>Records below this level are dropped, as the real logger drops them; everything is kept by default.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

    /// <summary>A snapshot of the records so far, oldest first.</summary>
    public IReadOnlyList<TestLogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public bool IsEnabled(LogLevel level) => level >= MinimumLevel;

    public void Log(LogLevel level, string message, Exception? exception, params ReadOnlySpan<LogField> fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var values = ToDictionary(fields);
        lock (_lock)
        {
            _entries.Add(new TestLogEntry(level, message, exception, values));
        }
    }

    /// <summary>The fields as name → value (string, long, double, decimal or bool); a repeated name keeps its last value.</summary>
    public static Dictionary<string, object?> ToDictionary(ReadOnlySpan<LogField> fields)
    {
        var values = new Dictionary<string, object?>(fields.Length, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            values[field.Name] = ValueOf(field);
        }

        return values;
    }

    private static object? ValueOf(in LogField field) => field.Kind switch
    {
        LogFieldKind.String => field.GetString(),
        LogFieldKind.Int64 => field.GetInt64(),
        LogFieldKind.Double => field.GetDouble(),
        LogFieldKind.Decimal => field.GetDecimal(),
        LogFieldKind.Boolean => field.GetBoolean(),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown field kind."),
    };
}

using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Lambda.Logging;

/// <summary>
/// Writes one JSON object per line (UTF-8) to a sink, in the shape Lambda's JSON log format uses:
/// <c>timestamp, level, requestId, traceId, message</c>, the caller's fields, then the error fields.
/// The request id and trace id come from <see cref="LambdaContextAccessor.Current"/>, so a logger built at start-up
/// still tags every line with the invocation it runs for. Thread-safe; never throws.
/// </summary>
internal sealed class JsonLambdaLogger : ILambdaLogger
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
    private static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("traceId");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");

    private readonly JsonLineSink _sink;
    private readonly LogLevel _minimumLevel;
    private readonly TimeProvider _time;

    public JsonLambdaLogger(JsonLineSink sink, LogLevel minimumLevel, TimeProvider time)
    {
        _sink = sink;
        _minimumLevel = minimumLevel;
        _time = time;
    }

    public bool IsEnabled(LogLevel level) => level >= _minimumLevel;

    public void Log(LogLevel level, string message, Exception? exception, params ReadOnlySpan<LogField> fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var record = new Record(this, level, message, exception, fields, LambdaContextAccessor.Current);
        _sink.WriteLine(record, static (writer, record) => record.Logger.WriteRecord(writer, record));
    }

    private void WriteRecord(Utf8JsonWriter writer, in Record record)
    {
        var (level, message, exception, context) = (record.Level, record.Message, record.Exception, record.Context);
        writer.WriteStartObject();
        Span<byte> timestamp = stackalloc byte[32];
        _time.GetUtcNow().UtcDateTime.TryFormat(timestamp, out var length, TimestampFormat, CultureInfo.InvariantCulture);
        writer.WriteString(Timestamp, timestamp[..length]);
        writer.WriteString(Level, LogLevelNames.ToJson(level));
        if (context is not null)
        {
            writer.WriteString(RequestId, context.AwsRequestId);
            var traceId = TraceRoot.Find(context.TraceHeader);
            if (!traceId.IsEmpty)
            {
                writer.WriteString(TraceId, traceId);
            }
        }

        writer.WriteString(Message, message);
        foreach (var field in record.Fields)
        {
            if (!IsReserved(field.Name))
            {
                LogFieldWriter.Write(writer, field);
            }
        }

        if (exception is not null)
        {
            writer.WriteString(ExceptionFields.ErrorType, ExceptionFields.TypeName(exception));
            writer.WriteString(ExceptionFields.ErrorMessage, exception.Message);
            ExceptionFields.WriteStackTrace(writer, exception);
        }

        writer.WriteEndObject();
    }

    /// <summary>A caller's field never overwrites a standard key: it would make the line ambiguous JSON.</summary>
    private static bool IsReserved(string name) => name is "timestamp" or "level" or "requestId" or "traceId"
        or "message" or "errorType" or "errorMessage" or "stackTrace";

    private readonly ref struct Record(
        JsonLambdaLogger logger,
        LogLevel level,
        string message,
        Exception? exception,
        ReadOnlySpan<LogField> fields,
        ILambdaContext? context)
    {
        public JsonLambdaLogger Logger { get; } = logger;

        public LogLevel Level { get; } = level;

        public string Message { get; } = message;

        public Exception? Exception { get; } = exception;

        public ReadOnlySpan<LogField> Fields { get; } = fields;

        public ILambdaContext? Context { get; } = context;
    }
}

/// <summary>Finds the <c>Root=</c> value (the X-Ray trace id) in a <c>Lambda-Runtime-Trace-Id</c> header.</summary>
internal static class TraceRoot
{
    private const string RootKey = "Root";

    /// <summary>The trace id, or an empty span when the header is absent or has no Root. Never throws.</summary>
    public static ReadOnlySpan<char> Find(string? traceHeader)
    {
        foreach (var range in traceHeader.AsSpan().Split(';'))
        {
            var part = traceHeader.AsSpan()[range].Trim();
            var equals = part.IndexOf('=');
            if (equals > 0 && part[..equals].Trim().Equals(RootKey, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim();
            }
        }

        return [];
    }
}

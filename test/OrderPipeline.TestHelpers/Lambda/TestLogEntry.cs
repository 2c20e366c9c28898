using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>
/// One record a <see cref="TestLambdaLogger"/> captured. Field values are string (or null), long, double, decimal or
/// bool, as the <see cref="LogField"/> held them; a repeated field name keeps its last value.
/// </summary>
public sealed record TestLogEntry(
    LogLevel Level,
    string Message,
    Exception? Exception,
    IReadOnlyDictionary<string, object?> Fields);

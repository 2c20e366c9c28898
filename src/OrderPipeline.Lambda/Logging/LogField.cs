using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Lambda.Logging;

/// <summary>
/// A named, typed value for a structured log line, held without boxing. Tuples convert implicitly, so call sites read
/// <c>logger.Info("Order accepted", ("orderId", id), ("items", 3))</c>. The <c>Get…</c> methods throw
/// <see cref="InvalidOperationException"/> when <see cref="Kind"/> is another type, as <c>JsonElement</c> does.
/// </summary>
public readonly struct LogField
{
    private readonly string? _text;
    private readonly long _bits;
    private readonly decimal _decimal;

    private LogField(string name, LogFieldKind kind, string? text, long bits, decimal value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
        _text = text;
        _bits = bits;
        _decimal = value;
    }

    public LogField(string name, string? value) : this(name, LogFieldKind.String, value, 0, 0m) { }

    public LogField(string name, long value) : this(name, LogFieldKind.Int64, null, value, 0m) { }

    public LogField(string name, double value)
        : this(name, LogFieldKind.Double, null, BitConverter.DoubleToInt64Bits(value), 0m) { }

    public LogField(string name, decimal value) : this(name, LogFieldKind.Decimal, null, 0, value) { }

    public LogField(string name, bool value) : this(name, LogFieldKind.Boolean, null, value ? 1 : 0, 0m) { }

    public string Name { get; }

    public LogFieldKind Kind { get; }

    public string? GetString() => Expect(LogFieldKind.String)._text;

    public long GetInt64() => Expect(LogFieldKind.Int64)._bits;

    public double GetDouble() => BitConverter.Int64BitsToDouble(Expect(LogFieldKind.Double)._bits);

    public decimal GetDecimal() => Expect(LogFieldKind.Decimal)._decimal;

    public bool GetBoolean() => Expect(LogFieldKind.Boolean)._bits != 0;

    public static implicit operator LogField((string Name, string? Value) field) => new(field.Name, field.Value);

    public static implicit operator LogField((string Name, long Value) field) => new(field.Name, field.Value);

    public static implicit operator LogField((string Name, int Value) field) => new(field.Name, (long)field.Value);

    public static implicit operator LogField((string Name, double Value) field) => new(field.Name, field.Value);

    public static implicit operator LogField((string Name, decimal Value) field) => new(field.Name, field.Value);

    public static implicit operator LogField((string Name, bool Value) field) => new(field.Name, field.Value);

    private LogField Expect(LogFieldKind kind) => Kind == kind
        ? this
        : throw new InvalidOperationException($"The field '{Name}' holds a {Kind}, not a {kind}.");
}

/// <summary>The type of the value a <see cref="LogField"/> holds.</summary>
[SuppressMessage("Naming", "CA1720", Justification = "Each kind names the type it holds, as System.TypeCode does.")]
public enum LogFieldKind
{
    String,
    Int64,
    Double,
    Decimal,
    Boolean,
}

/// <summary>Writes a <see cref="LogField"/> as a JSON property of its own type; non-finite doubles become strings.</summary>
internal static class LogFieldWriter
{
    public static void Write(Utf8JsonWriter writer, in LogField field)
    {
        switch (field.Kind)
        {
            case LogFieldKind.String:
                writer.WriteString(field.Name, field.GetString());
                break;
            case LogFieldKind.Int64:
                writer.WriteNumber(field.Name, field.GetInt64());
                break;
            case LogFieldKind.Double when double.IsFinite(field.GetDouble()):
                writer.WriteNumber(field.Name, field.GetDouble());
                break;
            case LogFieldKind.Double:
                writer.WriteString(field.Name, field.GetDouble().ToString(CultureInfo.InvariantCulture));
                break;
            case LogFieldKind.Decimal:
                writer.WriteNumber(field.Name, field.GetDecimal());
                break;
            case LogFieldKind.Boolean:
                writer.WriteBoolean(field.Name, field.GetBoolean());
                break;
        }
    }
}

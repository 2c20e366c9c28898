using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Lambda.Logging;

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

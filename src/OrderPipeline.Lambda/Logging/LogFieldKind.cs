using System.Diagnostics.CodeAnalysis;

namespace OrderPipeline.Lambda.Logging;

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

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// How a cold-started function exports its traces, set through the variables it reads at start-up
/// (<c>OTEL_TRACES_EXPORTER</c>, <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>): the comparison issue 16 asks of
/// <c>bench --cold-start</c>, each export cold-started in the same interleaved run.
/// </summary>
internal enum TraceExport
{
    /// <summary>X-Ray segment documents to the daemon (the default: nothing set).</summary>
    XRay,

    /// <summary>OpenTelemetry spans over the X-Ray daemon's UDP endpoint (<c>OTEL_TRACES_EXPORTER=otlp</c>, no endpoint).</summary>
    OtlpUdp,
}

internal static class TraceExports
{
    /// <summary>The name on the command line and in the JSON.</summary>
    public static string Name(TraceExport export) => export switch
    {
        TraceExport.XRay => "xray",
        TraceExport.OtlpUdp => "otlp-udp",
        _ => throw new ArgumentOutOfRangeException(nameof(export), export, null),
    };

    /// <summary>Reads <c>xray,otlp-udp</c> (any subset, in any order, no repeats).</summary>
    public static bool TryParse(string text, out IReadOnlyList<TraceExport> exports) =>
        Commands.BenchCommand.TryParseList(text, name => name switch
        {
            "xray" => TraceExport.XRay,
            "otlp-udp" => TraceExport.OtlpUdp,
            _ => (TraceExport?)null,
        }, out exports);

    /// <summary>The function's variables with <paramref name="export"/>'s on top (the template's own are replaced).</summary>
    public static IReadOnlyDictionary<string, string> Environment(IReadOnlyDictionary<string, string> variables, TraceExport export)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var result = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        result.Remove("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        result.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        result["OTEL_TRACES_EXPORTER"] = export switch
        {
            TraceExport.XRay => "xray",
            TraceExport.OtlpUdp => "otlp",
            _ => throw new ArgumentOutOfRangeException(nameof(export), export, null),
        };
        return result;
    }
}

using System.Globalization;

namespace OrderPipeline.Tracing.Otlp;

/// <summary>Where traces go, from <c>OTEL_TRACES_EXPORTER</c>.</summary>
public enum TracesExporter
{
    /// <summary>Unset, or <c>xray</c>: X-Ray subsegment documents to the daemon, what Lambda's Active tracing reads.</summary>
    XRay,

    /// <summary><c>otlp</c>: OpenTelemetry spans, over OTLP/HTTP or the daemon's UDP endpoint.</summary>
    Otlp,

    /// <summary><c>none</c>: nothing is exported.</summary>
    None,
}

/// <summary>
/// The OpenTelemetry SDK environment variables this exporter follows, read once at start-up
/// (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/ and
/// https://opentelemetry.io/docs/specs/otel/protocol/exporter/). Nothing here throws: a value that cannot be used is
/// reported through the problems list and the documented default is used instead.
/// </summary>
/// <param name="Exporter">From <c>OTEL_TRACES_EXPORTER</c>.</param>
/// <param name="Endpoint">
/// The OTLP/HTTP URL: <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> as is, else <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with
/// <c>v1/traces</c> appended to its path. Null when neither is set: spans then go to the X-Ray daemon's UDP endpoint.
/// </param>
/// <param name="Protocol">
/// <c>OTEL_EXPORTER_OTLP_TRACES_PROTOCOL</c>, else <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, else <c>http/protobuf</c>.
/// Only <c>http/protobuf</c> is sent; any other value is reported and nothing is exported.
/// </param>
/// <param name="Headers"><c>OTEL_EXPORTER_OTLP_HEADERS</c>, overridden key by key by <c>OTEL_EXPORTER_OTLP_TRACES_HEADERS</c>.</param>
/// <param name="Timeout"><c>OTEL_EXPORTER_OTLP_TRACES_TIMEOUT</c>, else <c>OTEL_EXPORTER_OTLP_TIMEOUT</c> (milliseconds), at most <see cref="MaxExportTime"/>.</param>
/// <param name="ServiceName"><c>OTEL_SERVICE_NAME</c>; null when unset.</param>
/// <param name="ResourceAttributes"><c>OTEL_RESOURCE_ATTRIBUTES</c>, percent-decoded, in order.</param>
public sealed record OtlpSettings(
    TracesExporter Exporter,
    Uri? Endpoint,
    string Protocol,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    TimeSpan Timeout,
    string? ServiceName,
    IReadOnlyList<KeyValuePair<string, string>> ResourceAttributes)
{
    public const string ExporterVariable = "OTEL_TRACES_EXPORTER";
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string TracesProtocolVariable = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
    public const string HeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string TracesHeadersVariable = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
    public const string TimeoutVariable = "OTEL_EXPORTER_OTLP_TIMEOUT";
    public const string TracesTimeoutVariable = "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    public const string ResourceAttributesVariable = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>The one protocol sent over HTTP.</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>
    /// The longest an invocation waits for its spans to be sent over HTTP. The specification's default timeout (10 s)
    /// would hold a Lambda invocation for 10 s whenever the collector is unreachable; 500 ms is many round trips to a
    /// collector in the same Region (a POST of a few KB takes a few ms) and small beside the 3 s default function
    /// timeout. A smaller <c>OTEL_EXPORTER_OTLP_TIMEOUT</c> is honoured; a larger one is capped to this.
    /// </summary>
    public static readonly TimeSpan MaxExportTime = TimeSpan.FromMilliseconds(500);

    private const string XRayName = "xray";
    private const string OtlpName = "otlp";
    private const string NoneName = "none";
    private const string TracesPath = "v1/traces";

    /// <summary>Reads the variables; every value it could not use is added to <paramref name="problems"/>.</summary>
    public static OtlpSettings From(Func<string, string?> getEnvironmentVariable, ICollection<string> problems) =>
        From(getEnvironmentVariable, problems, MaxExportTime);

    /// <summary>As the public overload, with the longest export time given (tests on a busy machine widen it).</summary>
    internal static OtlpSettings From(Func<string, string?> getEnvironmentVariable, ICollection<string> problems, TimeSpan maxExportTime)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(problems);
        string? Read(string name) => getEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var headers = new List<KeyValuePair<string, string>>(ReadList(Read(HeadersVariable), HeadersVariable, problems));
        foreach (var header in ReadList(Read(TracesHeadersVariable), TracesHeadersVariable, problems))
        {
            headers.RemoveAll(h => string.Equals(h.Key, header.Key, StringComparison.OrdinalIgnoreCase));
            headers.Add(header);
        }

        var exporter = ReadExporter(Read(ExporterVariable), problems);
        var endpoint = ReadEndpoint(Read(TracesEndpointVariable), Read(EndpointVariable), problems, out var endpointRefused);
        var protocol = (Read(TracesProtocolVariable) ?? Read(ProtocolVariable) ?? HttpProtobuf).ToLowerInvariant();
        if (exporter == TracesExporter.Otlp && endpoint is not null && protocol != HttpProtobuf)
        {
            problems.Add($"{ProtocolVariable} '{protocol}' is not supported (only {HttpProtobuf}); spans are not exported.");
            exporter = TracesExporter.None;
        }
        else if (exporter == TracesExporter.Otlp && endpointRefused)
        {
            // An endpoint was set but is not a URL (reported): sending to the daemon instead would surprise.
            exporter = TracesExporter.None;
        }

        return new OtlpSettings(
            exporter,
            endpoint,
            protocol,
            headers,
            ReadTimeout(Read(TracesTimeoutVariable) is { } traces ? (TracesTimeoutVariable, traces) : (TimeoutVariable, Read(TimeoutVariable)), maxExportTime, problems),
            Read(ServiceNameVariable),
            ReadList(Read(ResourceAttributesVariable), ResourceAttributesVariable, problems));
    }

    /// <summary>
    /// A comma-separated list whose first value this exporter knows wins; unknown values are reported and skipped
    /// (the specification lets a list name several exporters; one destination is chosen here).
    /// </summary>
    private static TracesExporter ReadExporter(string? value, ICollection<string> problems)
    {
        if (value is null)
        {
            return TracesExporter.XRay;
        }

        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (name.ToLowerInvariant())
            {
                case XRayName:
                    return TracesExporter.XRay;
                case OtlpName:
                    return TracesExporter.Otlp;
                case NoneName:
                    return TracesExporter.None;
                default:
                    problems.Add($"{ExporterVariable} names '{name}', which is not one of {OtlpName}, {XRayName}, {NoneName}; it is ignored.");
                    break;
            }
        }

        return TracesExporter.XRay;
    }

    private static Uri? ReadEndpoint(string? tracesEndpoint, string? endpoint, ICollection<string> problems, out bool refused)
    {
        refused = false;
        if (tracesEndpoint is not null)
        {
            if (IsHttpUrl(tracesEndpoint, out var uri))
            {
                return uri;
            }

            problems.Add($"{TracesEndpointVariable} '{tracesEndpoint}' is not an http or https URL; spans are not exported.");
            refused = true;
            return null;
        }

        if (endpoint is null)
        {
            return null;
        }

        if (IsHttpUrl(endpoint, out var baseUri))
        {
            var builder = new UriBuilder(baseUri);
            builder.Path = builder.Path.EndsWith('/') ? builder.Path + TracesPath : builder.Path + "/" + TracesPath;
            return builder.Uri;
        }

        problems.Add($"{EndpointVariable} '{endpoint}' is not an http or https URL; spans are not exported.");
        refused = true;
        return null;
    }

    private static bool IsHttpUrl(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static TimeSpan ReadTimeout((string Name, string? Value) variable, TimeSpan max, ICollection<string> problems)
    {
        if (variable.Value is null)
        {
            return max;
        }

        if (!long.TryParse(variable.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds == 0)
        {
            problems.Add($"{variable.Name} '{variable.Value}' is not a positive number of milliseconds; {max.TotalMilliseconds} ms is used.");
            return max;
        }

        return milliseconds >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>
    /// <c>key1=value1,key2=value2</c>, keys and values trimmed and percent-decoded (the W3C Baggage format the
    /// specification names for both <c>OTEL_RESOURCE_ATTRIBUTES</c> and <c>OTEL_EXPORTER_OTLP_HEADERS</c>). An entry
    /// without <c>=</c> or with an empty key is reported and skipped; the others are kept.
    /// </summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ReadList(string? value, string variable, ICollection<string> problems)
    {
        if (value is null)
        {
            return [];
        }

        var entries = new List<KeyValuePair<string, string>>();
        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? Uri.UnescapeDataString(entry[..equals].Trim()) : string.Empty;
            if (key.Length == 0)
            {
                problems.Add($"{variable} entry '{entry}' is not key=value; it is ignored.");
                continue;
            }

            entries.Add(new(key, Uri.UnescapeDataString(entry[(equals + 1)..].Trim())));
        }

        return entries;
    }
}

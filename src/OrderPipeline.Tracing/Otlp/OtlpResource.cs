using System.Globalization;
using System.Reflection;

namespace OrderPipeline.Tracing.Otlp;

/// <summary>
/// The OTLP <c>Resource</c> of the function's spans, encoded once at start-up: <c>service.name</c>
/// (<c>OTEL_SERVICE_NAME</c>, else a <c>service.name</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c>, else the function name),
/// <c>cloud.provider = aws</c>, <c>cloud.platform = aws_lambda</c>, <c>cloud.region</c>
/// (https://opentelemetry.io/docs/specs/semconv/resource/cloud/), <c>faas.name</c>, <c>faas.version</c>,
/// <c>faas.instance</c> (the log stream), <c>faas.max_memory</c> in bytes
/// (https://opentelemetry.io/docs/specs/semconv/resource/faas/), <c>telemetry.sdk.*</c>
/// (https://opentelemetry.io/docs/specs/semconv/resource/#telemetry-sdk), then the <c>OTEL_RESOURCE_ATTRIBUTES</c>
/// entries, which override what was detected (https://opentelemetry.io/docs/specs/otel/resource/sdk/#specifying-resource-information-via-an-environment-variable).
/// </summary>
internal static class OtlpResource
{
    internal const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";
    internal const string FunctionVersionVariable = "AWS_LAMBDA_FUNCTION_VERSION";
    internal const string RegionVariable = "AWS_REGION";
    internal const string LogStreamVariable = "AWS_LAMBDA_LOG_STREAM_NAME";
    internal const string MemoryVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

    private const string ServiceNameKey = "service.name";
    private const string UnknownService = "unknown_service";

    public static byte[] Encode(OtlpSettings settings, Func<string, string?> getEnvironmentVariable)
    {
        string? Read(string name) => getEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        var functionName = Read(FunctionNameVariable);
        var attributes = new List<KeyValuePair<string, object?>>
        {
            new(ServiceNameKey, settings.ServiceName
                ?? settings.ResourceAttributes.LastOrDefault(a => a.Key == ServiceNameKey).Value
                ?? functionName
                ?? UnknownService),
            new("cloud.provider", "aws"),
            new("cloud.platform", "aws_lambda"),
            new("cloud.region", Read(RegionVariable)),
            new("faas.name", functionName),
            new("faas.version", Read(FunctionVersionVariable)),
            new("faas.instance", Read(LogStreamVariable)),
            new("faas.max_memory", long.TryParse(Read(MemoryVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes)
                ? megabytes * 1024 * 1024
                : null),
            new("telemetry.sdk.name", "OrderPipeline.Tracing"),
            new("telemetry.sdk.language", "dotnet"),
            new("telemetry.sdk.version", typeof(OtlpResource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(OtlpResource).Assembly.GetName().Version?.ToString()),
        };

        foreach (var attribute in settings.ResourceAttributes)
        {
            if (attribute.Key == ServiceNameKey)
            {
                continue;
            }

            attributes.RemoveAll(a => a.Key == attribute.Key);
            attributes.Add(new(attribute.Key, attribute.Value));
        }

        var resource = new ProtoBuffer(512);
        foreach (var attribute in attributes)
        {
            OtlpSpanWriter.WriteAttribute(resource, OtlpFields.ResourceAttributes, attribute.Key, attribute.Value);
        }

        return resource.WrittenSpan.ToArray();
    }
}

using OrderPipeline.Local.Lambda.EventSourceMapping;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// An <c>AWS::Serverless::Function</c> with <c>Globals.Function</c> merged in and SAM's defaults applied.
/// <c>Timeout</c> is in seconds, <c>MemorySize</c> in MB; <c>BuildMethod</c> comes from the resource's
/// <c>Metadata</c> (for example <c>makefile</c>).
/// </summary>
internal sealed record FunctionDefinition(
    string LogicalId,
    string? Runtime,
    string? Handler,
    string? CodeUri,
    int Timeout,
    int MemorySize,
    IReadOnlyList<string> Architectures,
    IReadOnlyDictionary<string, string> Environment,
    string? Tracing,
    FunctionLoggingConfig? LoggingConfig,
    IReadOnlyList<ApiEventSource> ApiEvents,
    IReadOnlyList<SqsEventSourceMappingSettings> SqsEvents,
    string? BuildMethod);

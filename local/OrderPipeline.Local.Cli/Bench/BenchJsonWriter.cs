using System.Text.Json;
using OrderPipeline.Local.Cli.Bench.Pipeline;
using OrderPipeline.Local.Cli.Bench.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// Writes a <see cref="BenchReport"/> as one JSON document (<see cref="Schema"/>): times in milliseconds, memory in
/// MiB (bytes for single samples), rates per second; a part that did not run is null.
/// </summary>
internal static class BenchJsonWriter
{
    public const string Schema = "orderpipeline-bench/1";

    public static byte[] Write(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("startedAt", report.StartedAt);
            WriteMachine(writer, report.Machine);
            WriteOptions(writer, report.Options);
            WriteColdStarts(writer, report.ColdStarts);
            WritePipeline(writer, report.Pipeline);
            WriteSqs(writer, report.Sqs);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteMachine(Utf8JsonWriter writer, MachineInfo machine)
    {
        writer.WriteStartObject("machine");
        writer.WriteNumber("cores", machine.Cores);
        writer.WriteString("cpuModel", machine.CpuModel);
        writer.WriteString("os", machine.OperatingSystem);
        writer.WriteString("dotnet", machine.DotnetVersion);
        writer.WriteString("commit", machine.Commit);
        writer.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter writer, BenchOptions options)
    {
        writer.WriteStartObject("options");
        writer.WriteString("template", options.TemplatePath);
        writer.WriteStartArray("parts");
        foreach (var part in new[] { BenchParts.ColdStart, BenchParts.Pipeline, BenchParts.Sqs }.Where(p => options.Parts.HasFlag(p)))
        {
            writer.WriteStringValue(part switch { BenchParts.ColdStart => "coldStart", BenchParts.Pipeline => "pipeline", _ => "sqs" });
        }

        writer.WriteEndArray();
        writer.WriteStartArray("modes");
        foreach (var mode in options.Modes)
        {
            writer.WriteStringValue(FunctionBuilder.MakeVariable(mode));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("exports");
        foreach (var export in options.Exports)
        {
            writer.WriteStringValue(TraceExports.Name(export));
        }

        writer.WriteEndArray();
        writer.WriteNumber("runs", options.Runs);
        writer.WriteString("pipelineMode", FunctionBuilder.MakeVariable(options.PipelineMode));
        writer.WriteNumber("orders", options.Orders);
        writer.WriteNumber("concurrency", options.Concurrency);
        writer.WriteNumber("sqsMessages", options.SqsMessages);
        writer.WriteNumber("sqsConcurrency", options.SqsConcurrency);
        writer.WriteEndObject();
    }

    private static void WriteColdStarts(Utf8JsonWriter writer, IReadOnlyList<ColdStartResult>? results)
    {
        if (results is null)
        {
            writer.WriteNull("coldStart");
            return;
        }

        writer.WriteStartArray("coldStart");
        foreach (var result in results)
        {
            writer.WriteStartObject();
            writer.WriteString("function", result.Function);
            writer.WriteString("mode", FunctionBuilder.MakeVariable(result.Mode));
            writer.WriteString("export", TraceExports.Name(result.Export));
            writer.WriteNumber("runs", result.Samples.Count);
            WriteSummary(writer, "totalMs", result.TotalMs);
            WriteSummary(writer, "initMs", result.InitMs);
            WriteSummary(writer, "peakRssMiB", result.PeakResidentMiB);
            WriteSummary(writer, "cpuMs", result.CpuMs);
            writer.WriteStartArray("samples");
            foreach (var sample in result.Samples)
            {
                writer.WriteStartObject();
                writer.WriteNumber("totalMs", sample.Total.TotalMilliseconds);
                writer.WriteNumber("initMs", sample.Init.TotalMilliseconds);
                WriteNullable(writer, "peakRssBytes", sample.PeakResidentBytes);
                WriteNullable(writer, "cpuMs", sample.Cpu?.TotalMilliseconds);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WritePipeline(Utf8JsonWriter writer, PipelineResult? result)
    {
        if (result is null)
        {
            writer.WriteNull("pipeline");
            return;
        }

        writer.WriteStartObject("pipeline");
        writer.WriteString("mode", FunctionBuilder.MakeVariable(result.Mode));
        writer.WriteNumber("orders", result.Orders);
        writer.WriteNumber("concurrency", result.Concurrency);
        writer.WriteStartObject("parameterOverrides");
        foreach (var (name, value) in result.ParameterOverrides.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        writer.WriteNumber("accepted", result.Accepted);
        writer.WriteNumber("processed", result.Processed);
        writer.WriteNumber("submittingSeconds", result.Submitting.TotalSeconds);
        WriteNullable(writer, "allProcessedAfterSeconds", result.AllProcessedAfter?.TotalSeconds);
        writer.WriteNumber("acceptedPerSecond", result.AcceptedPerSecond);
        WriteNullable(writer, "processedPerSecond", result.ProcessedPerSecond);
        WriteSummary(writer, "latencyMs", result.LatencyMs);
        writer.WriteString("latencySource", PipelineResult.LatencySource);
        writer.WriteNumber("stackCpuPerOrderMs", result.StackMillisecondsPerOrder);
        writer.WriteStartArray("cpuPerOrder");
        foreach (var share in result.CpuPerOrder)
        {
            writer.WriteStartObject();
            writer.WriteString("component", share.Component);
            writer.WriteNumber("ms", share.MillisecondsPerOrder);
            writer.WriteString("method", share.Method);
            writer.WriteBoolean("partOfStack", share.PartOfStack);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteSqs(Utf8JsonWriter writer, SqsResult? result)
    {
        if (result is null)
        {
            writer.WriteNull("sqs");
            return;
        }

        writer.WriteStartObject("sqs");
        writer.WriteNumber("messages", result.Messages);
        writer.WriteNumber("concurrency", result.Concurrency);
        writer.WriteNumber("endpointCpuMsPerSend", result.EndpointCpuMs);
        writer.WriteNumber("clientCpuMsPerSend", result.ClientCpuMs);
        writer.WriteNumber("endpointToClient", result.EndpointToClient);
        writer.WriteNumber("goalEndpointToClient", SqsResult.Goal);
        writer.WriteNumber("rawClientSendsPerSecond", result.RawClientPerSecond);
        writer.WriteNumber("clientSendsPerSecondStandIn", result.ClientPerSecondStandIn);
        writer.WriteNumber("clientSendsPerSecondEndpoint", result.ClientPerSecondEndpoint.Median);
        writer.WriteStartObject("sdkClientProcess");
        writer.WriteNumber("rounds", result.SdkClientRounds.Count);
        WriteSummary(writer, "stackCpuMsPerSend", result.StackCpuMs);
        WriteSummary(writer, "clientCpuMsPerSend", result.SdkClientCpuMs);
        WriteSummary(writer, "stackToClient", result.StackToClient);
        writer.WriteNumber("goalStackToClient", SqsResult.StackGoal);
        WriteSummary(writer, "sendsPerSecond", result.ClientPerSecondEndpoint);
        writer.WriteStartArray("byRound");
        foreach (var round in result.SdkClientRounds)
        {
            writer.WriteStartObject();
            writer.WriteNumber("stackCpuMsPerSend", round.StackCpuMs);
            writer.WriteNumber("clientCpuMsPerSend", round.ClientCpuMs);
            writer.WriteNumber("sendsPerSecond", round.SendsPerSecond);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter writer, string name, SampleSummary? summary)
    {
        if (summary is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteNumber("count", summary.Count);
        writer.WriteNumber("min", summary.Min);
        writer.WriteNumber("median", summary.Median);
        writer.WriteNumber("p90", summary.P90);
        writer.WriteNumber("p99", summary.P99);
        writer.WriteNumber("max", summary.Max);
        writer.WriteNumber("mean", summary.Mean);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using OtelSdkProbe;

// Modes (README.md gives the full commands):
//   start <none|listener|xray|own-http|sdk-simple|sdk-batch>   one process start: one span, exported, exit
//   coldstart <rounds> <binary> <mode>... [--with <binary> <mode>...]   interleaved start-up runs of child processes
//   spans <none|listener|xray|sdk-batch|sdk-simple> <invocations> [records]   steady-state cost of 2 spans a record
//   blackhole                                                 how long the SDK's flush takes when the collector hangs
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: OtelSdkProbe start <mode> | coldstart <rounds> <binary> <mode>... | spans <mode> <invocations> [records] | blackhole");
    return 2;
}

return args[0] switch
{
    "start" when args.Length == 2 => StartupMode.Run(args[1]),
    "coldstart" when args.Length >= 4 => ColdStartDriver.Run(args[1..]),
    "spans" when args.Length is 3 or 4 => SpanCost.Run(
        args[1],
        int.Parse(args[2], CultureInfo.InvariantCulture),
        args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100),
    "blackhole" => BlackHoleFlush.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("unknown mode or wrong arguments");
    return 2;
}

/// <summary>The spans every mode records: a consumer span under a Lambda-like remote parent, with a link.</summary>
internal static class ProbeSpans
{
    public const string SourceName = "OtelSdkProbe";

    /// <summary>A remote, sampled parent with an X-Ray-style trace id, as Lambda's trace header gives one.</summary>
    /// <remarks>The trace id is X-Ray's shape (epoch seconds first), written here so that binaries without the X-Ray export need none of its code.</remarks>
    public static ActivityContext NewInvocationParent() => new(
        NewXRayTraceId(),
        ActivitySpanId.CreateRandom(),
        ActivityTraceFlags.Recorded,
        isRemote: true);

    private static ActivityTraceId NewXRayTraceId()
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return ActivityTraceId.CreateFromBytes(bytes);
    }

    /// <summary>One record's work as the consumer traces it: <c>ProcessOrder</c> (consumer, linked to the producer) and its DynamoDB call (client).</summary>
    public static void Record(ActivitySource source, ActivityContext parent, ActivityLink[] links, string messageId)
    {
        using var process = source.StartActivity("ProcessOrder", ActivityKind.Consumer, parent, links: links);
        if (process is not null)
        {
            process.SetTag("messaging.system", "aws_sqs");
            process.SetTag("messaging.operation.type", "process");
            process.SetTag("messaging.destination.name", "orders");
            process.SetTag("messaging.message.id", messageId);
            process.SetTag("order_id", messageId);
        }

        using var put = source.StartActivity("DynamoDB.PutItem", ActivityKind.Client);
        if (put is not null)
        {
            put.SetTag("rpc.system", "aws-api");
            put.SetTag("rpc.service", "DynamoDB");
            put.SetTag("rpc.method", "PutItem");
            put.SetTag("aws.dynamodb.table_names", "orders");
        }
    }
}

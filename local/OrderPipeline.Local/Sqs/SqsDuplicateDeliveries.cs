using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// Decides, with a seeded random draw per delivered message, which deliveries leave their message visible so that the
/// next receive delivers it again; counts each one as a <c>ReceiveMessage</c> <see cref="Code"/> fault. Thread-safe.
/// </summary>
internal sealed class SqsDuplicateDeliveries(double share, int seed, FaultTally tally)
{
    public const string Code = "DuplicateDelivery";
    private const string Operation = "ReceiveMessage";

    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);

    public bool Draw()
    {
        if (share <= 0)
        {
            return false;
        }

        bool duplicate;
        lock (_gate)
        {
#pragma warning disable CA5394 // Seeded on purpose: the same seed replays the same duplicates.
            duplicate = _random.NextDouble() < share;
#pragma warning restore CA5394
        }

        if (duplicate)
        {
            tally.Add(Operation, Code);
        }

        return duplicate;
    }
}

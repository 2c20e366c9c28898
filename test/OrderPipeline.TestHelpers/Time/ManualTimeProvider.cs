namespace OrderPipeline.TestHelpers.Time;

/// <summary>A clock that reads a set time; timers still run on the system clock.</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
